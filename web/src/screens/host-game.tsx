import { useRoute } from "preact-iso";
import { useEffect, useState } from "preact/hooks";
import type { QuestionView } from "@protocol";
import { useTiles } from "../components/answer-input";
import { AnswerTiles } from "../components/answer-tiles";
import { RevealDetails } from "../components/reveal-details";
import { ConnectionBanner } from "../components/banner";
import { Countdown } from "../components/countdown";
import { QrCode } from "../components/qr-code";
import { Podium, RankList } from "../components/ranking";
import { useI18n } from "../i18n/i18n";
import { api } from "../net/api";
import type { GameConnection } from "../net/game-connection";
import { store } from "../net/local-store";
import type { ClientGame } from "../state/game-state";
import { useGame } from "../state/use-game";

/** The host's big screen: lobby, questions, reveal, leaderboard, podium. A refresh resumes hosting. */
export function HostGame() {
  const { t } = useI18n();
  const pin = useRoute().params.pin ?? "";
  const conn = useGame(pin, async () => {
    const saved = store.hostGame(pin);
    if (saved?.ticket) {
      store.setHostGame({ ...saved, ticket: undefined }); // single use: a later reconnect asks for a fresh one
      return saved.ticket;
    }
    const host = store.hostToken();
    if (!host) throw new Error("signed out");
    return (await api.hostTicket(pin, host.token)).ticket;
  });
  const g = conn.game;
  return (
    <main class="host" data-phase={g?.phase ?? "connecting"}>
      <ConnectionBanner status={conn.status} />
      <HostBar g={g} conn={conn} />
      <p class="sr-only" aria-live="polite">
        {g ? t(`phase_${g.phase}`) : ""}
      </p>
      {conn.stopped ? (
        <section class="center-card">
          <p class="big-message" role="alert">
            {conn.stopped === "replaced" ? t("replaced") : t("gone")}
          </p>
          <a class="primary button" href="/host">
            {t("newGame")}
          </a>
        </section>
      ) : g ? (
        <HostPhase g={g} conn={conn} />
      ) : (
        <p class="waiting">{t("connecting")}</p>
      )}
    </main>
  );
}

function HostBar({ g, conn }: { g: ClientGame | null; conn: GameConnection }) {
  const { t } = useI18n();
  const [full, setFull] = useState(!!document.fullscreenElement);
  useEffect(() => {
    const on = () => setFull(!!document.fullscreenElement);
    document.addEventListener("fullscreenchange", on);
    return () => document.removeEventListener("fullscreenchange", on);
  }, []);
  const toggle = () => (document.fullscreenElement ? document.exitFullscreen() : document.documentElement.requestFullscreen()).catch(() => {});
  const live = g && g.phase !== "podium" && g.phase !== "ended";
  return (
    <header class="topbar">
      <span class="logo small">{t("appName")}</span>
      {g && (
        <span class="pin-chip">
          PIN <strong>{g.pin}</strong>
        </span>
      )}
      <span class="grow" />
      {live && g.phase !== "lobby" && (
        <button class="link" onClick={() => confirm(t("endGame") + "?") && conn.send({ type: "end" })}>
          {t("endGame")}
        </button>
      )}
      <button class="link" onClick={toggle} aria-pressed={full}>
        {full ? t("exitFullscreen") : t("fullscreen")}
      </button>
    </header>
  );
}

function HostPhase({ g, conn }: { g: ClientGame; conn: GameConnection }) {
  const { t } = useI18n();
  const send = (type: "start" | "next" | "skip" | "pause" | "resume") => conn.send({ type });
  const q = g.question;
  const controls = (
    <div class="controls">
      {(g.phase === "preview" || g.phase === "answering") && (
        <button class="secondary" onClick={() => send("skip")}>
          {t("skip")}
        </button>
      )}
      {g.clock.paused ? (
        <button class="secondary" onClick={() => send("resume")}>
          {t("resume")}
        </button>
      ) : (
        g.phase !== "lobby" && (
          <button class="secondary" onClick={() => send("pause")}>
            {t("pause")}
          </button>
        )
      )}
      <button class="primary" onClick={() => send("next")} data-testid="host-next">
        {t("nextQuestion")}
      </button>
    </div>
  );

  switch (g.phase) {
    case "lobby":
      return <Lobby g={g} conn={conn} />;
    case "preview":
    case "answering":
      return (
        <section class="stage">
          <div class="question-head">
            <p class="eyebrow">{q && t("questionOf", { n: q.index + 1, total: q.count })}</p>
            <Countdown game={g} total={g.phase === "answering" ? q?.timeLimitMs : undefined} />
            <p class="answered" data-testid="answered">
              {t("answered", { n: g.answered, total: g.playerCount })}
            </p>
          </div>
          <h1 class="question-text">{q?.text}</h1>
          {q?.imageUrl && <img class="question-image" src={q.imageUrl} alt="" />}
          {q && g.phase === "answering" && <HostQuestion q={q} />}
          {controls}
        </section>
      );
    case "reveal":
      return (
        <section class="stage">
          <h1 class="question-text small">{q?.text}</h1>
          {g.reveal && g.reveal.counts.length > 0 && <BarChart counts={g.reveal.counts} correct={g.reveal.correct} />}
          {q && g.reveal && q.choices.length > 0 && <HostTiles q={q} correct={g.reveal.correct} counts={g.reveal.counts} />}
          {g.reveal && <RevealDetails reveal={g.reveal} />}
          {controls}
        </section>
      );
    case "leaderboard":
      return (
        <section class="stage">
          <h1>{t("leaderboard")}</h1>
          <RankList rows={g.leaderboard ?? []} />
          <Countdown game={g} />
          {controls}
        </section>
      );
    case "podium":
    case "ended": {
      const saved = store.hostGame(g.pin);
      return (
        <section class="stage">
          <h1>{t("podium")}</h1>
          {g.ended === "host-ended" && <p>{t("ended_host")}</p>}
          <Podium rows={g.podium ?? []} />
          <div class="controls">
            {saved && (
              <a class="secondary button" href={`/host/report/${saved.gameId}`} data-testid="report-link">
                {t("report")}
              </a>
            )}
            <a class="primary button" href="/host">
              {t("newGame")}
            </a>
          </div>
        </section>
      );
    }
  }
}

function Lobby({ g, conn }: { g: ClientGame; conn: GameConnection }) {
  const { t } = useI18n();
  const joinUrl = `${location.origin}/join/${g.pin}`;
  return (
    <section class="lobby">
      <div class="lobby-join">
        <p class="join-at">{t("joinAt", { url: location.host })}</p>
        <p>{t("withPin")}</p>
        <p class="big-pin" data-testid="big-pin">
          {g.pin}
        </p>
        <QrCode text={joinUrl} label={joinUrl} />
        <p class="hint">
          <a href={joinUrl}>{joinUrl}</a>
        </p>
      </div>
      <div class="lobby-players">
        <div class="row">
          <h2 data-testid="player-count">{t("players", { n: g.playerCount })}</h2>
          <button class="primary" disabled={g.playerCount === 0} onClick={() => conn.send({ type: "start" })} data-testid="host-start">
            {t("start")}
          </button>
        </div>
        {g.players.length === 0 && <p class="waiting">{t("waitingForPlayers")}</p>}
        <ul class="player-chips" aria-live="polite">
          {g.players.map((p) => (
            <li key={p.id} class={p.connected ? "" : "offline"}>
              <span>{p.nickname}</span>
              <button class="kick" aria-label={t("kick", { name: p.nickname })} onClick={() => conn.send({ type: "kick", playerId: p.id })}>
                ×
              </button>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}

function BarChart({ counts, correct }: { counts: number[]; correct: number[] }) {
  const max = Math.max(1, ...counts);
  return (
    <div class="bars" aria-hidden="true">
      {counts.map((n, i) => (
        <div key={i} class={`bar c${i}${correct.includes(i) ? " right" : ""}`}>
          <span class="bar-fill" style={{ height: `${(n / max) * 100}%` }} />
          <span class="bar-label">
            {n}
            {correct.includes(i) ? " ✓" : ""}
          </span>
        </div>
      ))}
    </div>
  );
}

/** What the big screen shows while players answer: tiles, the puzzle's shuffled items, or the slider's range. */
function HostQuestion({ q }: { q: QuestionView }) {
  const { t } = useI18n();
  const tiles = useTiles(q);
  if (tiles.length > 0) return <AnswerTiles choices={tiles} />;
  if (q.items) return <ol class="puzzle-list">{q.items.map((it) => <li key={it} class="puzzle-item">{it}</li>)}</ol>;
  if (q.slider) return <p class="slider-range">{t("pickValue", { min: q.slider.min, max: q.slider.max })}</p>;
  return <p class="waiting">{t("typeYourAnswer")}</p>;
}

function HostTiles({ q, correct, counts }: { q: QuestionView; correct: number[]; counts: number[] }) {
  return <AnswerTiles choices={useTiles(q)} correct={correct} counts={counts} compact />;
}
