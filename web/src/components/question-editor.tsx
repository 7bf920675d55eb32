import { LIMITS, type QuestionType, type QuizQuestionInput } from "@protocol";
import type { ComponentChildren } from "preact";
import { useI18n } from "../i18n/i18n";
import type { MessageKey } from "../i18n/messages";

/** A question being edited: any type's fields, loosely typed until the schema checks it on save. */
export type Draft = Record<string, unknown> & { type: QuestionType; text: string };
export type Errors = Record<string, string>;

/** A sensible new question of each type. */
export function newQuestion(type: QuestionType): Draft {
  const base = { type, text: "", timeLimitSec: 20, points: type === "poll" ? 0 : 1000 };
  switch (type) {
    case "quiz":
    case "multi":
      return { ...base, choices: ["", "", "", ""], correct: [0] };
    case "poll":
      return { ...base, choices: ["", ""] };
    case "truefalse":
      return { ...base, correct: true };
    case "typeanswer":
      return { ...base, accepted: [""], caseSensitive: false, accentSensitive: false };
    case "slider":
      return { ...base, min: 0, max: 100, step: 1, correct: 50, tolerance: 0 };
    case "puzzle":
      return { ...base, items: ["", "", ""] };
  }
}

interface Props {
  q: Draft;
  index: number;
  errors: Errors;
  onChange: (q: Draft) => void;
}

/** One labelled field with its validation message right next to it (and tied to it for screen readers). */
function Field({ id, label, error, children }: { id: string; label: string; error?: string | undefined; children: ComponentChildren }) {
  return (
    <div class={`field${error ? " has-error" : ""}`}>
      <label for={id}>{label}</label>
      {children}
      {error && (
        <p class="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
const numbers = (v: unknown): number[] => (Array.isArray(v) ? v.map(Number) : []);

export function QuestionEditor({ q, index, errors, onChange }: Props) {
  const { t } = useI18n();
  const at = (field: string) => `questions.${index}.${field}`;
  const err = (field: string) => errors[at(field)];
  const id = (field: string) => `q${index}-${field}`;
  const set = (patch: Record<string, unknown>) => onChange({ ...q, ...patch });
  const num = (field: string) => (
    <Field id={id(field)} label={t(`field_${field}` as MessageKey)} error={err(field)}>
      <input id={id(field)} type="number" step="any" value={String(q[field] ?? "")} aria-invalid={!!err(field)} onInput={(e) => set({ [field]: Number(e.currentTarget.value) })} />
    </Field>
  );
  const list = (field: "choices" | "accepted" | "items", max: number, min: number) => {
    const values = strings(q[field]);
    const correct = numbers(q.correct);
    return (
      <fieldset class="list-field">
        <legend>{t(`field_${field}` as MessageKey)}</legend>
        {values.map((v, i) => (
          <div class="row" key={i}>
            {(q.type === "quiz" || q.type === "multi") && (
              <input
                type={q.type === "quiz" ? "radio" : "checkbox"}
                name={id("correct")}
                aria-label={t("markCorrect", { n: i + 1 })}
                checked={correct.includes(i)}
                onChange={(e) => set({ correct: q.type === "quiz" ? [i] : e.currentTarget.checked ? [...correct, i].sort() : correct.filter((c) => c !== i) })}
              />
            )}
            <input
              id={id(`${field}-${i}`)}
              aria-label={`${t(`field_${field}` as MessageKey)} ${i + 1}`}
              value={v}
              maxLength={LIMITS.choiceTextMax}
              aria-invalid={!!errors[at(`${field}.${i}`)]}
              onInput={(e) => set({ [field]: values.map((x, k) => (k === i ? e.currentTarget.value : x)) })}
            />
            <button type="button" class="link" disabled={values.length <= min} aria-label={t("removeItem", { n: i + 1 })} onClick={() => set({ [field]: values.filter((_, k) => k !== i), ...(field === "choices" ? { correct: correct.filter((c) => c !== i).map((c) => (c > i ? c - 1 : c)) } : {}) })}>
              ✕
            </button>
            {errors[at(`${field}.${i}`)] && <p class="field-error" role="alert">{errors[at(`${field}.${i}`)]}</p>}
          </div>
        ))}
        {values.length < max && (
          <button type="button" class="link" onClick={() => set({ [field]: [...values, ""] })}>
            + {t("addItem")}
          </button>
        )}
        {(err(field) || err("correct")) && <p class="field-error" role="alert">{err(field) ?? err("correct")}</p>}
      </fieldset>
    );
  };

  return (
    <div class="question-editor">
      <Field id={id("text")} label={t("field_text")} error={err("text")}>
        <textarea id={id("text")} value={q.text} maxLength={LIMITS.questionTextMax} aria-invalid={!!err("text")} onInput={(e) => set({ text: e.currentTarget.value })} />
      </Field>
      <div class="row">
        <Field id={id("time")} label={t("field_timeLimitSec")} error={err("timeLimitSec")}>
          <input id={id("time")} type="number" min={LIMITS.timeLimitMinSec} max={LIMITS.timeLimitMaxSec} value={String(q.timeLimitSec ?? 20)} onInput={(e) => set({ timeLimitSec: Number(e.currentTarget.value) })} />
        </Field>
        {q.type !== "poll" && (
          <Field id={id("points")} label={t("field_points")} error={err("points")}>
            <select id={id("points")} value={String(q.points ?? 1000)} onChange={(e) => set({ points: Number(e.currentTarget.value) })}>
              {[0, 1000, 2000].map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </Field>
        )}
      </div>
      {(q.type === "quiz" || q.type === "multi" || q.type === "poll") && list("choices", LIMITS.choicesMax, LIMITS.choicesMin)}
      {q.type === "truefalse" && (
        <Field id={id("tf")} label={t("field_correct")}>
          <select id={id("tf")} value={String(q.correct)} onChange={(e) => set({ correct: e.currentTarget.value === "true" })}>
            <option value="true">{t("true")}</option>
            <option value="false">{t("false")}</option>
          </select>
        </Field>
      )}
      {q.type === "typeanswer" && (
        <>
          {list("accepted", LIMITS.acceptedMax, 1)}
          <label>
            <input type="checkbox" checked={!!q.caseSensitive} onChange={(e) => set({ caseSensitive: e.currentTarget.checked })} /> {t("caseSensitive")}
          </label>
          <label>
            <input type="checkbox" checked={!!q.accentSensitive} onChange={(e) => set({ accentSensitive: e.currentTarget.checked })} /> {t("accentSensitive")}
          </label>
        </>
      )}
      {q.type === "slider" && <div class="row">{["min", "max", "step", "correct", "tolerance"].map(num)}</div>}
      {q.type === "puzzle" && list("items", LIMITS.puzzleItemsMax, LIMITS.puzzleItemsMin)}
      <Field id={id("image")} label={t("field_imageUrl")} error={err("imageUrl")}>
        <input id={id("image")} type="url" value={String(q.imageUrl ?? "")} placeholder="https://" onInput={(e) => set({ imageUrl: e.currentTarget.value || undefined })} />
      </Field>
      <Field id={id("explanation")} label={t("field_explanation")} error={err("explanation")}>
        <input id={id("explanation")} value={String(q.explanation ?? "")} maxLength={LIMITS.explanationMax} onInput={(e) => set({ explanation: e.currentTarget.value || undefined })} />
      </Field>
    </div>
  );
}

/** Drafts hold what the form holds; the schema decides on save. */
export const asInput = (d: Draft) => d as unknown as QuizQuestionInput;
