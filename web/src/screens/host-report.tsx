import type { GameReport } from "@protocol";
import { useRoute } from "preact-iso";
import { useEffect, useState } from "preact/hooks";
import { useI18n } from "../i18n/i18n";
import { api } from "../net/api";
import { store } from "../net/local-store";

/** A finished game's report: players, hardest questions, and CSV/XLSX downloads. */
export function HostReport() {
  const { t } = useI18n();
  const gameId = useRoute().params.gameId ?? "";
  const [report, setReport] = useState<GameReport | null>(null);
  const [error, setError] = useState("");
  const host = store.hostToken();
  useEffect(() => {
    if (!host) return setError(t("signedOut"));
    // The archive is written by a queue consumer a moment after the podium: retry briefly.
    let tries = 0;
    let timer: ReturnType<typeof setTimeout>;
    const load = () =>
      api
        .report(gameId, host.token)
        .then(setReport)
        .catch((err: Error) => (++tries < 12 ? (timer = setTimeout(load, 500)) : setError(err.message)));
    load();
    return () => clearTimeout(timer);
  }, [gameId]);

  const download = async (format: "csv" | "xlsx", table: "players" | "questions" = "players") => {
    if (!host) return;
    try {
      const blob = await api.reportFile(gameId, format, table, host.token);
      const a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = `quiz-report-${report?.pin ?? gameId}${format === "csv" ? `-${table}` : ""}.${format}`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
    } catch (err) {
      setError((err as Error).message);
    }
  };

  return (
    <main class="report">
      <header class="topbar">
        <a class="logo small" href="/host">
          {t("appName")}
        </a>
      </header>
      <h1>{t("report")}</h1>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {!report && !error && <p class="waiting">{t("loading")}</p>}
      {report && (
        <div class="card-ink" data-testid="report">
          <h2>{report.title}</h2>
          <p>
            PIN {report.pin} · {new Date(report.endedAt).toLocaleString()} · {t("players", { n: report.players.length })} ·{" "}
            {t("questions", { n: report.questions.length })}
          </p>
          <div class="row">
            <button class="secondary" onClick={() => download("csv", "players")}>
              CSV ({t("playersTable")})
            </button>
            <button class="secondary" onClick={() => download("csv", "questions")}>
              CSV ({t("questionsTable")})
            </button>
            <button class="secondary" onClick={() => download("xlsx")}>
              XLSX
            </button>
          </div>
          <h3>{t("playersTable")}</h3>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">{t("nickname")}</th>
                  <th scope="col">{t("identifier")}</th>
                  <th scope="col">{t("scoreHeader")}</th>
                  <th scope="col">{t("correctHeader")}</th>
                  <th scope="col">{t("avgMs")}</th>
                </tr>
              </thead>
              <tbody>
                {report.players.map((p) => (
                  <tr key={p.playerId}>
                    <td>{p.rank}</td>
                    <td>{p.nickname}</td>
                    <td>{p.identifier ?? ""}</td>
                    <td>{p.score}</td>
                    <td>
                      {p.correct}/{report.questions.filter((q) => q.type !== "poll").length}
                    </td>
                    <td>{p.avgResponseMs ?? "–"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h3>{t("difficult")}</h3>
          <ol>
            {report.difficult.map((i) => {
              const q = report.questions[i]!;
              return (
                <li key={i}>
                  {q.text} — <strong>{q.percentCorrect}%</strong> {t("correctHeader").toLowerCase()}
                </li>
              );
            })}
          </ol>
        </div>
      )}
    </main>
  );
}
