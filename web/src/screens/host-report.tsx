import { ArchivedGame } from "@protocol";
import { useRoute } from "preact-iso";
import { useEffect, useState } from "preact/hooks";
import { useI18n } from "../i18n/i18n";
import { api } from "../net/api";
import { store } from "../net/local-store";

/** The archived summary of one finished game (the full report grows with the archive work). */
export function HostReport() {
  const { t } = useI18n();
  const gameId = useRoute().params.gameId ?? "";
  const [game, setGame] = useState<ArchivedGame | null>(null);
  const [error, setError] = useState("");
  useEffect(() => {
    const host = store.hostToken();
    if (!host) return setError(t("gone"));
    // The archive is written by a queue consumer a moment after the podium: retry briefly.
    let tries = 0;
    const load = () =>
      api
        .archivedGame(gameId, host.token)
        .then(setGame)
        .catch((err: Error) => (++tries < 10 ? setTimeout(load, 500) : setError(err.message)));
    load();
  }, [gameId]);
  return (
    <main class="center-card">
      <h1>{t("report")}</h1>
      {error && <p class="error" role="alert">{error}</p>}
      {game && (
        <dl class="card report-card" data-testid="report">
          <dt>Quiz</dt>
          <dd>{game.title}</dd>
          <dt>PIN</dt>
          <dd>{game.pin}</dd>
          <dt>{t("players", { n: game.players })}</dt>
          <dd>{t("questions", { n: game.questions })}</dd>
          <dt>🏆</dt>
          <dd>{game.winner ?? "–"}</dd>
          <dt>⏱</dt>
          <dd>{new Date(game.endedAt).toLocaleString()}</dd>
        </dl>
      )}
      <a class="primary button" href="/host">
        {t("newGame")}
      </a>
    </main>
  );
}
