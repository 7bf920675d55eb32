import type { OpsSnapshot } from "@protocol";
import { useEffect, useState } from "preact/hooks";
import { useI18n } from "../i18n/i18n";
import { ApiFailure } from "../net/api";
import { opsApi } from "../net/ops-api";

/** How often the page asks for a fresh picture. */
const POLL_MS = 2000;
// The admin token lives for this tab only: an operator's console, not a remembered sign-in.
const TOKEN_KEY = "quiz.admin-token";

const usd = (n: number) => (n < 0.01 ? `$${n.toFixed(6)}` : `$${n.toFixed(4)}`);

/** Operations for admins: live games, players, answers per second, errors, archive backlog, cost per game. */
export function Admin() {
  const { t } = useI18n();
  const [token, setToken] = useState<string | null>(() => sessionStorage.getItem(TOKEN_KEY));
  const [snap, setSnap] = useState<OpsSnapshot | null>(null);
  const [error, setError] = useState("");

  useEffect(() => {
    if (!token) return;
    let timer: ReturnType<typeof setTimeout>;
    let stopped = false;
    const load = async () => {
      try {
        setSnap(await opsApi.snapshot(token));
        setError("");
      } catch (err) {
        setError((err as Error).message);
        if (err instanceof ApiFailure && (err.status === 401 || err.status === 403)) {
          sessionStorage.removeItem(TOKEN_KEY);
          return setToken(null);
        }
      }
      if (!stopped) timer = setTimeout(load, POLL_MS);
    };
    void load();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [token]);

  const signIn = async () => {
    try {
      const res = await opsApi.devSignInAdmin("Operator");
      sessionStorage.setItem(TOKEN_KEY, res.token);
      setToken(res.token);
    } catch (err) {
      setError((err as Error).message);
    }
  };

  return (
    <main class="report admin">
      <header class="topbar">
        <a class="logo small" href="/">
          {t("appName")}
        </a>
      </header>
      <h1>{t("admin_title")}</h1>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {!token && (
        <div class="card-ink">
          <p>{t("admin_signInHint")}</p>
          <button onClick={signIn}>{t("admin_devSignIn")}</button>
        </div>
      )}
      {token && !snap && !error && <p class="waiting">{t("loading")}</p>}
      {snap && <OpsView snap={snap} />}
    </main>
  );
}

function OpsView({ snap }: { snap: OpsSnapshot }) {
  const { t } = useI18n();
  return (
    <div class="card-ink" data-testid="ops">
      <p>
        {t("admin_since", { time: new Date(snap.since).toLocaleString() })} · {t("admin_version", { v: snap.version })}
        {!snap.countersAvailable && <strong> · {t("admin_countersDown")}</strong>}
      </p>
      <dl class="report-card" aria-live="polite">
        <dt>{t("admin_liveGames")}</dt>
        <dd data-testid="live-games">{snap.live.games}</dd>
        <dt>{t("admin_players")}</dt>
        <dd data-testid="live-players">
          {snap.live.players} ({t("admin_connected", { n: snap.live.connected })})
        </dd>
        <dt>{t("admin_answersPerSec")}</dt>
        <dd data-testid="answers-per-sec">{snap.live.answersPerSec}</dd>
        <dt>{t("admin_fanout")}</dt>
        <dd>
          {t("admin_fanoutValue", { n: snap.fanout.count, r: Math.round(snap.fanout.meanRecipients), ms: snap.fanout.maxMs.toFixed(1) })}
        </dd>
        <dt>{t("admin_backlog")}</dt>
        <dd data-testid="backlog">
          {t("admin_backlogValue", { retrying: snap.archive.retrying, dead: snap.archive.dead, archived: snap.archive.archivedGames })}
        </dd>
      </dl>

      <h2>{t("admin_gamesNow")}</h2>
      {snap.games.length === 0 ? (
        <p>{t("admin_none")}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">PIN</th>
                <th scope="col">{t("admin_phase")}</th>
                <th scope="col">{t("admin_players")}</th>
                <th scope="col">{t("admin_connectedHeader")}</th>
              </tr>
            </thead>
            <tbody>
              {snap.games.map((g) => (
                <tr key={g.gameId}>
                  <td>{g.pin}</td>
                  <td>{g.phase}</td>
                  <td>{g.players}</td>
                  <td>{g.connected}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2>{t("admin_errors")}</h2>
      {snap.errors.length === 0 ? (
        <p>{t("admin_none")}</p>
      ) : (
        <ul data-testid="errors">
          {snap.errors.map((e) => (
            <li key={`${e.source}:${e.code}`}>
              {e.source} · <code>{e.code}</code>: {e.count}
            </li>
          ))}
        </ul>
      )}

      <h2>{t("admin_finished")}</h2>
      {snap.finished.length === 0 ? (
        <p>{t("admin_none")}</p>
      ) : (
        <div class="table-wrap">
          <table data-testid="finished">
            <thead>
              <tr>
                <th scope="col">PIN</th>
                <th scope="col">{t("admin_ended")}</th>
                <th scope="col">{t("admin_players")}</th>
                <th scope="col">{t("admin_answers")}</th>
                <th scope="col">{t("admin_messages")}</th>
                <th scope="col">{t("admin_cost")}</th>
              </tr>
            </thead>
            <tbody>
              {snap.finished.map((f) => (
                <tr key={f.gameId}>
                  <td>{f.pin}</td>
                  <td>{new Date(f.endedAt).toLocaleTimeString()}</td>
                  <td>{f.players}</td>
                  <td>{f.answers}</td>
                  <td>
                    {f.usage.wsMessagesIn} / {f.usage.wsMessagesOut}
                  </td>
                  <td>{usd(f.costUsd)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p class="hint">{t("admin_costNote")}</p>
    </div>
  );
}
