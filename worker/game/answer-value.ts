// Turns an answer frame into a checked, normalised value for the current question, and judges it.
// Pure: the puzzle's display order comes in as an argument.
import { type ClientFrame, type QuizQuestion, onGrid } from "../protocol";

/** What is stored per answer besides the single `choice` (multi picks, typed text, slider value, puzzle order). */
export interface AnswerPayload {
  /** multi: picked choice indexes, ascending. */
  choices?: number[];
  /** typeanswer: the typed text, trimmed with spaces collapsed. */
  text?: string;
  /** slider: the picked value. */
  value?: number;
  /** puzzle: item indexes (solution order) in the order the player put them. */
  order?: number[];
}

export interface Checked {
  /** Single-choice index (quiz, truefalse, poll); -1 for the other types. */
  choice: number;
  payload?: AnswerPayload;
}

export type AnswerFrame = Extract<ClientFrame, { type: "answer" }>;
type Refusal = { code: "bad-choice" | "bad-answer"; message: string };

const isPermutation = (xs: readonly number[], n: number) => xs.length === n && new Set(xs).size === n && xs.every((x) => x >= 0 && x < n);

/** Checks the frame's payload against the question type; `display` is the puzzle's shown order (display[k] = item index). */
export function checkAnswer(q: QuizQuestion, f: AnswerFrame, display: readonly number[]): Checked | Refusal {
  const bad = (message: string): Refusal => ({ code: "bad-answer", message });
  switch (q.type) {
    case "quiz":
    case "poll":
    case "truefalse": {
      const n = q.type === "truefalse" ? 2 : q.choices.length;
      if (f.choice === undefined) return bad(`A ${q.type} answer needs "choice".`);
      if (f.choice >= n) return { code: "bad-choice", message: `Choice ${f.choice} does not exist.` };
      return { choice: f.choice };
    }
    case "multi": {
      const picks = f.choices ?? (f.choice === undefined ? undefined : [f.choice]);
      if (!picks || picks.length === 0) return bad('A multi answer needs "choices" with at least one pick.');
      if (new Set(picks).size !== picks.length) return bad("A choice is picked twice.");
      const missing = picks.find((c) => c >= q.choices.length);
      if (missing !== undefined) return { code: "bad-choice", message: `Choice ${missing} does not exist.` };
      return { choice: -1, payload: { choices: [...picks].sort((a, b) => a - b) } };
    }
    case "typeanswer": {
      const text = f.text?.normalize("NFC").replace(/\s+/g, " ").trim();
      if (!text) return bad('A type answer needs a non-empty "text".');
      return { choice: -1, payload: { text } };
    }
    case "slider": {
      if (f.value === undefined || !Number.isFinite(f.value)) return bad('A slider answer needs "value".');
      if (f.value < q.min || f.value > q.max) return bad(`The value must be between ${q.min} and ${q.max}.`);
      return { choice: -1, payload: { value: f.value } };
    }
    case "puzzle": {
      if (!f.order || !isPermutation(f.order, q.items.length))
        return bad(`A puzzle answer needs "order": each of the ${q.items.length} items once.`);
      return { choice: -1, payload: { order: f.order.map((k) => display[k]!) } };
    }
  }
}

/** Case- and accent-folding as the question asks; always trimmed with inner spaces collapsed. */
export function normaliseTyped(s: string, q: { caseSensitive: boolean; accentSensitive: boolean }): string {
  let t = s.normalize("NFC").replace(/\s+/g, " ").trim();
  if (!q.accentSensitive) t = t.normalize("NFD").replace(/\p{M}/gu, "").normalize("NFC");
  if (!q.caseSensitive) t = t.toLocaleLowerCase("und");
  return t;
}

export interface Judged {
  /** Fully right: counts for the streak and the "correct" tally. */
  correct: boolean;
  /** Share of the time-based points earned, 0–1 (partial for multi and slider). */
  fraction: number;
}

/** How right an answer is. The rules are documented in the README ("Question types and scoring"). */
export function judge(q: QuizQuestion, a: Checked): Judged {
  const no: Judged = { correct: false, fraction: 0 };
  switch (q.type) {
    case "quiz":
      return q.correct.includes(a.choice) ? { correct: true, fraction: 1 } : no;
    case "truefalse":
      return (a.choice === 0) === q.correct ? { correct: true, fraction: 1 } : no;
    case "poll":
      return no;
    case "multi": {
      const picks = a.payload?.choices ?? [];
      // Any wrong pick scores 0; otherwise a share per right pick, and "correct" only with all of them.
      if (picks.some((c) => !q.correct.includes(c))) return no;
      const right = picks.length;
      return { correct: right === q.correct.length, fraction: right / q.correct.length };
    }
    case "typeanswer": {
      const typed = normaliseTyped(a.payload?.text ?? "", q);
      return q.accepted.some((s) => normaliseTyped(s, q) === typed) ? { correct: true, fraction: 1 } : no;
    }
    case "slider": {
      const d = Math.abs((a.payload?.value ?? Number.NaN) - q.correct);
      // A small epsilon, so 0.1 + 0.2 style float noise never moves an answer across the edge.
      const eps = 1e-9 * Math.max(1, Math.abs(q.correct));
      if (!(d <= q.tolerance + eps)) return no;
      // Exact = full points, falling linearly to half at the tolerance edge.
      return { correct: true, fraction: q.tolerance === 0 ? 1 : Math.max(0.5, 1 - d / (2 * q.tolerance)) };
    }
    case "puzzle": {
      const order = a.payload?.order ?? [];
      // All or nothing, like Kahoot's jumble.
      return order.length === q.items.length && order.every((item, pos) => item === pos) ? { correct: true, fraction: 1 } : no;
    }
  }
}

/** Whether a value sits on the slider's grid (for clients and bots; the server accepts any value in range). */
export const sliderOnGrid = onGrid;
