import { useLocation, useRoute } from "preact-iso";
import { useEffect } from "preact/hooks";
import type { QuestionView } from "@protocol";
import { AnswerInput, useTiles } from "../components/answer-input";
import { AnswerTiles } from "../components/answer-tiles";
import { RevealDetails } from "../components/reveal-details";
import { ConnectionBanner } from "../components/banner";
import { Countdown } from "../components/countdown";
import { useI18n } from "../i18n/i18n";
import { api } from "../net/api";
import { store, type PlayerSession } from "../net/local-store";
import type { ClientGame } from "../state/game-state";
import { useGame } from "../state/use-game";
import type { GameConnection } from "../net/game-connection";

/** A player's game: one screen per phase, resumed after any drop or refresh. */
export function Play() {
  const { params } = useRoute();
  const { route } = useLocation();
  const pin = params.pin ?? "";
  const session = store.player(pin);
  useEffect(() => {
    if (!session) route(`/join/${pin}`, true);
  }, [session]);
  return session ? <PlayerGame session={session} /> : null;
}

function PlayerGame({ session }: { session: PlayerSession }) {
  const { t } = useI18n();
  const conn = useGame(session.pin, async () => {
    // The join's ticket is good for 60 s; after that (or after a refresh) the resume token gets a new one.
    const fresh = sessionStorage.getItem(`quiz.ticket.${session.pin}`);
    sessionStorage.removeItem(`quiz.ticket.${session.pin}`);
    return fresh ?? (await api.resume(session.pin, session.resumeToken)).ticket;
  });
  const g = conn.game;
  // Once stopped (kicked, replaced, game gone) the Stopped message says it all.
  const phaseName = conn.stopped ? "" : g ? t(`phase_${g.phase}`) : t("connecting");

  return (
    <main class="player" data-phase={g?.phase ?? "connecting"}>
      <ConnectionBanner status={conn.status} />
      <header class="player-bar">
        <span class="player-name" data-testid="my-nickname">
          {session.nickname}
        </span>
        {g?.you && (
          <span class="player-score" data-testid="my-score">
            {g.you.score}
          </span>
        )}
      </header>
      <p class="sr-only" aria-live="polite">
        {phaseName}
      </p>
      {conn.stopped ? <Stopped conn={conn} pin={session.pin} /> : g ? <PlayerPhase g={g} conn={conn} /> : <p class="waiting">{t("connecting")}</p>}
    </main>
  );
}

function Stopped({ conn, pin }: { conn: GameConnection; pin: string }) {
  const { t } = useI18n();
  const message = conn.stopped === "kicked" ? t("kicked") : conn.stopped === "replaced" ? t("replaced") : t("gone");
  return (
    <section class="center-card">
      <p class="big-message" role="alert">
        {message}
      </p>
      <a
        class="primary button"
        href="/"
        onClick={() => conn.stopped !== "replaced" && store.setPlayer(null, pin)}
      >
        {t("playAgain")}
      </a>
    </section>
  );
}

function PlayerPhase({ g, conn }: { g: ClientGame; conn: GameConnection }) {
  const { t } = useI18n();
  const you = g.you;
  const q = g.question;
  switch (g.phase) {
    case "lobby":
      return (
        <section class="center-card">
          <h1>{t("youAreIn")}</h1>
          <p>{t("seeYourName")}</p>
          <p class="waiting">{t("waitingForHost")}</p>
        </section>
      );
    case "preview":
      return (
        <section class="center-card">
          <p class="eyebrow">{q && t("questionOf", { n: q.index + 1, total: q.count })}</p>
          <h1 class="question-text">{q?.text}</h1>
          <p class="waiting">{t("getReady")}</p>
          <Countdown game={g} />
        </section>
      );
    case "answering":
      if (!q || !you) return null;
      return (
        <section class="answering">
          <div class="question-head">
            <p class="eyebrow">{t("questionOf", { n: q.index + 1, total: q.count })}</p>
            <Countdown game={g} total={q.timeLimitMs} />
          </div>
          <h1 class="question-text small">{q.text}</h1>
          {g.clock.paused && <p class="paused-note">{t("paused")}</p>}
          {q.imageUrl && <img class="question-image" src={q.imageUrl} alt="" />}
          <AnswerInput q={q} chosen={you.choice} onAnswer={g.clock.paused ? undefined : (p) => conn.answerWith(p)} />
          {you.choice !== null && (
            <p class="locked" role="status" data-testid="locked-in">
              {you.answerId ? t("lockedIn") : t("sending")} · {t("waitingForOthers")}
            </p>
          )}
        </section>
      );
    case "reveal":
    case "leaderboard": {
      const r = you?.result;
      // A poll has no right answer: thank the player instead of judging them.
      const verdict = !r ? null : !r.answered ? t("noAnswer") : g.reveal?.type === "poll" ? t("voted") : r.correct ? t("correct") : t("incorrect");
      // The player's own result follows the reveal by a moment: no empty verdict in between.
      if (!r) return <p class="waiting">{t("waitingForOthers")}</p>;
      return (
        <section class={`center-card result ${r?.correct ? "is-right" : "is-wrong"}`} data-testid="result">
          <h1>{verdict}</h1>
          {r && <p class="points">{t("points", { n: r.points })}</p>}
          {r && r.streak > 1 && <p>🔥 {t("streak", { n: r.streak })}</p>}
          {r && <p>{t("rank", { rank: r.rank, total: g.reveal?.total ?? g.playerCount })}</p>}
          {q && g.reveal && q.choices.length > 0 && <RevealTiles q={q} chosen={you?.choice ?? null} correct={g.reveal.correct} />}
          {g.reveal && <RevealDetails reveal={g.reveal} />}
        </section>
      );
    }
    case "podium":
    case "ended": {
      // After a reconnect at the podium there is no `final` frame: the last result carries the rank.
      const final = you?.final ?? (you?.result ? { rank: you.result.rank, score: you.score, total: g.playerCount } : null);
      return (
        <section class="center-card" data-testid="final">
          {g.ended === "host-ended" && <p>{t("ended_host")}</p>}
          {final && <h1>{t("finalRank", { rank: final.rank, total: final.total })}</h1>}
          <p class="points">{t("score", { n: final?.score ?? you?.score ?? 0 })}</p>
          <p>{t("thanks")}</p>
        </section>
      );
    }
  }
}

function RevealTiles({ q, chosen, correct }: { q: QuestionView; chosen: number | null; correct: number[] }) {
  return <AnswerTiles choices={useTiles(q)} chosen={chosen} correct={correct} compact />;
}
