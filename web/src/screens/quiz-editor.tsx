import { QUESTION_TYPES, Quiz, type QuestionType, type QuestionView } from "@protocol";
import { useLocation, useRoute } from "preact-iso";
import { useEffect, useState } from "preact/hooks";
import { AnswerInput } from "../components/answer-input";
import { asInput, newQuestion, QuestionEditor, type Draft, type Errors } from "../components/question-editor";
import { useI18n } from "../i18n/i18n";
import type { MessageKey } from "../i18n/messages";
import { ApiFailure, library } from "../net/api";
import { store } from "../net/local-store";

interface DraftQuiz {
  title: string;
  description: string;
  shuffleAnswers: boolean;
  shuffleQuestions: boolean;
  questions: Draft[];
}

const empty = (): DraftQuiz => ({ title: "", description: "", shuffleAnswers: true, shuffleQuestions: false, questions: [newQuestion("quiz")] });

/** The question as a player would see it (without anything that reveals the answer). */
function previewOf(q: Draft, index: number, count: number): QuestionView {
  const choices = q.type === "truefalse" ? ["True", "False"] : Array.isArray(q.choices) ? q.choices.map(String) : [];
  const items = Array.isArray(q.items) ? [...q.items.map(String)].reverse() : undefined;
  return {
    index,
    count,
    type: q.type,
    text: q.text,
    choices,
    timeLimitMs: Number(q.timeLimitSec ?? 20) * 1000,
    points: Number(q.points ?? 1000),
    ...(q.type === "slider" ? { slider: { min: Number(q.min), max: Number(q.max), step: Number(q.step) || 1 } } : {}),
    ...(q.type === "puzzle" ? { items } : {}),
  };
}

/** Create or edit a quiz of the host's library: every question type, reorder, preview, errors by field. */
export function QuizEditor() {
  const { t } = useI18n();
  const { params } = useRoute();
  const { route } = useLocation();
  const host = store.hostToken();
  const id = params.id === "new" ? null : (params.id ?? null);
  const [quiz, setQuiz] = useState<DraftQuiz | null>(id ? null : empty());
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState("");
  const [preview, setPreview] = useState<number | null>(null);
  const [addType, setAddType] = useState<QuestionType>("quiz");

  useEffect(() => {
    if (!host) return route("/host", true);
    if (id)
      library.get(id, host.token).then(
        (s) => setQuiz({ ...s.quiz, description: s.quiz.description ?? "", questions: s.quiz.questions as unknown as Draft[] }),
        (err: Error) => setStatus(err.message),
      );
  }, [id]);
  if (!quiz || !host) return <main class="host-home"><p role="status">{status || t("connecting")}</p></main>;

  const setQ = (i: number, q: Draft) => setQuiz({ ...quiz, questions: quiz.questions.map((x, k) => (k === i ? q : x)) });
  const move = (i: number, by: number) => {
    const qs = [...quiz.questions];
    const to = i + by;
    if (to < 0 || to >= qs.length) return;
    [qs[i], qs[to]] = [qs[to]!, qs[i]!];
    setQuiz({ ...quiz, questions: qs });
  };

  const save = async (e: Event) => {
    e.preventDefault();
    const body = { ...quiz, description: quiz.description.trim() || undefined, questions: quiz.questions.map(asInput) };
    // Checked here with the same schema as the server, so messages appear next to the fields at once.
    const parsed = Quiz.safeParse(body);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [i.path.join("."), i.message])));
      return setStatus(t("fixErrors", { n: parsed.error.issues.length }));
    }
    setErrors({});
    try {
      const saved = id ? await library.update(id, parsed.data, host.token) : await library.create(parsed.data, host.token);
      setStatus(t("saved"));
      if (!id) route(`/host/edit/${saved.id}`, true);
    } catch (err) {
      if (err instanceof ApiFailure && err.fields.length) setErrors(Object.fromEntries(err.fields.map((f) => [f.path, f.message])));
      setStatus((err as Error).message);
    }
  };

  return (
    <main class="host-home editor">
      <header class="topbar">
        <a class="logo small" href="/host">
          ← {t("library")}
        </a>
      </header>
      <form onSubmit={save} noValidate>
        <h1>{id ? t("editQuiz") : t("newQuiz")}</h1>
        <div class="field">
          <label for="quiz-title">{t("field_title")}</label>
          <input id="quiz-title" value={quiz.title} aria-invalid={!!errors.title} onInput={(e) => setQuiz({ ...quiz, title: e.currentTarget.value })} />
          {errors.title && <p class="field-error" role="alert">{errors.title}</p>}
        </div>
        <div class="field">
          <label for="quiz-description">{t("field_description")}</label>
          <textarea id="quiz-description" value={quiz.description} onInput={(e) => setQuiz({ ...quiz, description: e.currentTarget.value })} />
        </div>
        <label>
          <input type="checkbox" checked={quiz.shuffleAnswers} onChange={(e) => setQuiz({ ...quiz, shuffleAnswers: e.currentTarget.checked })} /> {t("shuffleAnswers")}
        </label>
        <label>
          <input type="checkbox" checked={quiz.shuffleQuestions} onChange={(e) => setQuiz({ ...quiz, shuffleQuestions: e.currentTarget.checked })} /> {t("shuffleQuestions")}
        </label>
        <ol class="editor-questions">
          {quiz.questions.map((q, i) => (
            <li key={i} class="card" data-testid="editor-question">
              <div class="row question-toolbar">
                <strong>
                  {t("questionOf", { n: i + 1, total: quiz.questions.length })} · {t(`type_${q.type}` as MessageKey)}
                </strong>
                <button type="button" class="link" aria-label={t("moveUp", { item: String(i + 1) })} disabled={i === 0} onClick={() => move(i, -1)}>▲</button>
                <button type="button" class="link" aria-label={t("moveDown", { item: String(i + 1) })} disabled={i === quiz.questions.length - 1} onClick={() => move(i, 1)}>▼</button>
                <button type="button" class="link" onClick={() => setPreview(preview === i ? null : i)}>{t("preview")}</button>
                <button type="button" class="link" disabled={quiz.questions.length === 1} onClick={() => setQuiz({ ...quiz, questions: quiz.questions.filter((_, k) => k !== i) })}>
                  {t("remove")}
                </button>
              </div>
              <QuestionEditor q={q} index={i} errors={errors} onChange={(x) => setQ(i, x)} />
              {preview === i && (
                <div class="preview" aria-label={t("preview")}>
                  <h2 class="question-text small">{q.text}</h2>
                  <AnswerInput q={previewOf(q, i, quiz.questions.length)} chosen={null} />
                </div>
              )}
            </li>
          ))}
        </ol>
        <div class="row">
          <label for="add-type">{t("questionType")}</label>
          <select id="add-type" value={addType} onChange={(e) => setAddType(e.currentTarget.value as QuestionType)}>
            {QUESTION_TYPES.map((ty) => (
              <option key={ty} value={ty}>
                {t(`type_${ty}` as MessageKey)}
              </option>
            ))}
          </select>
          <button type="button" class="secondary" onClick={() => setQuiz({ ...quiz, questions: [...quiz.questions, newQuestion(addType)] })}>
            + {t("addQuestion")}
          </button>
        </div>
        <p role="status" aria-live="polite" class="editor-status">
          {status}
        </p>
        <button type="submit" class="primary">
          {t("saveQuiz")}
        </button>
      </form>
    </main>
  );
}
