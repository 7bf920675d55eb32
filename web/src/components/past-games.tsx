import type { GameSummary } from "@protocol";
import { useEffect, useState } from "preact/hooks";
import { useI18n } from "../i18n/i18n";
import { api } from "../net/api";

/** The host's archived games, newest first, each linking to its report. */
export function PastGames({ token }: { token: string }) {
  const { t } = useI18n();
  const [games, setGames] = useState<GameSummary[] | null>(null);
  useEffect(() => {
    api.reports(token).then((l) => setGames(l.games), () => setGames([]));
  }, [token]);
  if (!games?.length) return null;
  return (
    <section>
      <h2>{t("pastGames")}</h2>
      <ul class="quiz-list">
        {games.map((g) => (
          <li key={g.gameId} class="quiz-item">
            <div>
              <strong>{g.title}</strong>
              <span class="hint">
                {" "}
                · {new Date(g.endedAt).toLocaleDateString()} · {t("players", { n: g.players })}
                {g.winner ? ` · 🏆 ${g.winner}` : ""}
              </span>
            </div>
            <a class="secondary button" href={`/host/report/${g.gameId}`}>
              {t("report")}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
