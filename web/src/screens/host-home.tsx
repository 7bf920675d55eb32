import { useLocation } from "preact-iso";
import type { QuizSummary } from "@protocol";
import { useEffect, useState } from "preact/hooks";
import { useI18n } from "../i18n/i18n";
import { PastGames } from "../components/past-games";
import { api, ApiFailure, library } from "../net/api";
import { store, type HostToken } from "../net/local-store";
import sample from "../../../test/fixtures/opentdb-sample.json";

type ImportState =
  | { kind: "idle" }
  | { kind: "busy"; file: string }
  | { kind: "ok"; file: string; title: string; n: number }
  | { kind: "failed"; file: string; errors: { path: string; message: string }[] };

/** Host start page: sign in, keep a library of quizzes, import files, launch a game. */
export function HostHome() {
  const { t } = useI18n();
  const [host, setHost] = useState<HostToken | null>(store.hostToken());
  return (
    <main class="host-home">
      <header class="topbar">
        <a class="logo small" href="/">
          {t("appName")}
        </a>
        {host && (
          <span>
            {t("signedInAs", { name: host.name })}{" "}
            <button
              class="link"
              onClick={() => {
                store.setHostToken(null);
                setHost(null);
              }}
            >
              {t("signOut")}
            </button>
          </span>
        )}
      </header>
      <h1>{t("hostTitle")}</h1>
      {host ? <Library host={host} /> : <SignIn onSignedIn={setHost} />}
      {host && <PastGames token={host.token} />}
    </main>
  );
}

function SignIn({ onSignedIn }: { onSignedIn: (t: HostToken) => void }) {
  const { t } = useI18n();
  const [name, setName] = useState("");
  const [error, setError] = useState("");
  const submit = async (e: Event) => {
    e.preventDefault();
    try {
      const res = await api.devSignIn(name.trim() || "Host");
      const token = { token: res.token, name: name.trim() || "Host", expiresAt: res.expiresAt };
      store.setHostToken(token);
      onSignedIn(token);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <form class="card narrow" onSubmit={submit}>
      <label for="host-name">{t("signInAs")}</label>
      <input id="host-name" value={name} maxLength={60} onInput={(e) => setName(e.currentTarget.value)} />
      <p class="error" role="alert">
        {error}
      </p>
      <button class="primary" type="submit">
        {t("signIn")}
      </button>
    </form>
  );
}

function Library({ host }: { host: HostToken }) {
  const { t } = useI18n();
  const { route } = useLocation();
  const [entries, setEntries] = useState<QuizSummary[] | null>(null);
  const [importing, setImporting] = useState<ImportState>({ kind: "idle" });
  const [keepOrder, setKeepOrder] = useState(false);
  const [autoAdvance, setAutoAdvance] = useState(false);
  const [launchError, setLaunchError] = useState("");
  const [dragging, setDragging] = useState(false);

  const refresh = () =>
    library.list(host.token).then(
      (l) => setEntries(l.quizzes),
      (err: Error) => setLaunchError(err.message),
    );
  useEffect(() => void refresh(), [host.token]);

  // The file goes to the server as it is: JSON, CSV or the Kahoot xlsx template.
  const upload = async (name: string, body: Blob) => {
    setImporting({ kind: "busy", file: name });
    try {
      const saved = await library.importFile(body, name, host.token);
      setImporting({ kind: "ok", file: name, title: saved.title, n: saved.questionCount });
      await refresh();
    } catch (err) {
      const f = err instanceof ApiFailure ? err : null;
      setImporting({ kind: "failed", file: name, errors: f?.fields.length ? f.fields : [{ path: "", message: (err as Error).message }] });
    }
  };

  const act = async (work: () => Promise<unknown>) => {
    setLaunchError("");
    try {
      await work();
      await refresh();
    } catch (err) {
      setLaunchError((err as Error).message);
    }
  };

  const launch = (entry: QuizSummary) =>
    act(async () => {
      const game = await library.startGame(entry.id, { keepAnswerOrder: keepOrder, autoAdvance }, host.token);
      store.setHostGame({ pin: game.pin, gameId: game.gameId, title: game.title, ticket: game.hostTicket });
      route(`/host/${game.pin}`);
    });

  return (
    <div class="library">
      <section
        class={`dropzone${dragging ? " dragging" : ""}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          const file = e.dataTransfer?.files[0];
          if (file) void upload(file.name, file);
        }}
      >
        <h2>{t("importQuiz")}</h2>
        <label class="file-label">
          {t("dropHere")}
          <input
            type="file"
            accept=".json,.csv,.xlsx,application/json,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            data-testid="quiz-file"
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              if (file) void upload(file.name, file);
              e.currentTarget.value = "";
            }}
          />
        </label>
        <p class="hint">{t("importFormats")}</p>
        <ImportStatus state={importing} />
        <button
          class="secondary"
          onClick={() => upload("Open Trivia DB sample", new Blob([JSON.stringify({ ...sample, results: sample.results.slice(0, 10) })], { type: "application/json" }))}
        >
          + Open Trivia DB sample (10)
        </button>
        <p class="hint">{t("sampleNote")}</p>
        <a class="button secondary" href="/host/edit/new">
          {t("newQuiz")}
        </a>
      </section>

      <section>
        <h2>{t("library")}</h2>
        <div class="options">
          <label>
            <input type="checkbox" checked={keepOrder} onChange={(e) => setKeepOrder(e.currentTarget.checked)} /> {t("keepOrder")}
          </label>
          <label>
            <input type="checkbox" checked={autoAdvance} onChange={(e) => setAutoAdvance(e.currentTarget.checked)} /> {t("autoAdvance")}
          </label>
        </div>
        <p class="error" role="alert">
          {launchError}
        </p>
        {entries?.length === 0 && <p class="hint">{t("emptyLibrary")}</p>}
        <ul class="quiz-list">
          {(entries ?? []).map((e) => (
            <li key={e.id} class="quiz-item">
              <div>
                <strong>{e.title}</strong>
                <span class="hint"> · {t("questions", { n: e.questionCount })}</span>
              </div>
              <div class="row">
                <button class="primary" onClick={() => launch(e)}>
                  {t("launch")}
                </button>
                <a class="button link" href={`/host/edit/${e.id}`} aria-label={`${t("edit")}: ${e.title}`}>
                  {t("edit")}
                </a>
                <button class="link" aria-label={`${t("duplicate")}: ${e.title}`} onClick={() => act(() => library.duplicate(e.id, host.token))}>
                  {t("duplicate")}
                </button>
                <button class="link" aria-label={`${t("exportJson")}: ${e.title}`} onClick={() => act(() => library.download(e.id, "json", host.token))}>
                  {t("exportJson")}
                </button>
                <button class="link" aria-label={`${t("exportXlsx")}: ${e.title}`} onClick={() => act(() => library.download(e.id, "xlsx", host.token))}>
                  {t("exportXlsx")}
                </button>
                <button class="link" aria-label={`${t("remove")}: ${e.title}`} onClick={() => act(() => library.remove(e.id, host.token))}>
                  {t("remove")}
                </button>
              </div>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

function ImportStatus({ state }: { state: ImportState }) {
  const { t } = useI18n();
  if (state.kind === "idle") return null;
  if (state.kind === "busy") return <p role="status">{t("importing", { file: state.file })}</p>;
  if (state.kind === "ok")
    return (
      <p role="status" class="ok">
        {t("imported", { title: state.title, n: state.n })}
      </p>
    );
  return (
    <div role="alert" class="import-errors" data-testid="import-errors">
      <p>{t("importFailed", { file: state.file })}</p>
      <ul>
        {state.errors.map((e, i) => (
          <li key={i}>
            {e.path && <code>{e.path}</code>} {e.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
