// The Kahoot quiz spreadsheet template (xlsx) and the same columns as CSV. Works on plain rows of
// cells, so the xlsx and CSV readers share it. Every error names the sheet row, the column and why.
import { LIMITS, Quiz, type QuizQuestionInput } from "../protocol/quiz";
import type { ImportError, ImportResult } from "./import-quiz";
import { MAX_ERRORS } from "./opentdb";

export type Cell = string | number | boolean | Date | null | undefined;

type Column = "question" | "time" | "correct" | `answer${number}`;
const LABEL: Record<string, string> = { question: "Question", time: "Time limit (sec)", correct: "Correct answer(s)" };
const label = (c: Column) => LABEL[c] ?? `Answer ${c.slice(6)}`;

/** Kahoot's template default when a row leaves the time empty. */
export const DEFAULT_TIME_SEC = 20;
/** The header is searched in the first rows only (the template has 7 rows of instructions). */
const HEADER_SEARCH_ROWS = 30;

export const columnLetter = (i: number): string => (i >= 26 ? columnLetter(Math.floor(i / 26) - 1) : "") + String.fromCharCode(65 + (i % 26));

const cellText = (c: Cell): string => (c === null || c === undefined ? "" : c instanceof Date ? c.toISOString() : String(c)).trim();

/** Loose header matching: case, "sec"/"seconds"/"(s)", dashes and the template's hints after them. */
export function headerColumn(raw: string): Column | null {
  const h = raw.toLowerCase().replace(/\s+/g, " ").trim();
  if (/^question(\s*text)?(\s*[-–(]|$)/.test(h)) return "question";
  const answer = /^answer\s*(\d+)/.exec(h);
  if (answer) return `answer${Number(answer[1])}`;
  if (/^time(\s*limit)?(\s*[-–(]|\s*in\s|\s*sec|\s*s\b|$)/.test(h)) return "time";
  if (/^correct\s*answers?(\s*\(s\))?/.test(h)) return "correct";
  return null;
}

interface Header {
  row: number;
  columns: Map<Column, number>;
}

function findHeader(rows: Cell[][]): Header | null {
  for (let r = 0; r < Math.min(rows.length, HEADER_SEARCH_ROWS); r++) {
    const columns = new Map<Column, number>();
    rows[r]!.forEach((cell, i) => {
      const c = headerColumn(cellText(cell));
      if (c && !columns.has(c)) columns.set(c, i);
    });
    if (columns.has("question") && columns.has("answer1")) return { row: r, columns };
  }
  return null;
}

/** Parses "1", 1, "1,3", "1; 3", "1 3" into 1-based numbers; null when something is not a number. */
function parseCorrect(s: string): number[] | null {
  const parts = s.split(/[,;\s]+/).filter(Boolean);
  if (!parts.every((p) => /^\d+(\.0+)?$/.test(p))) return null;
  return parts.map(Number);
}

/**
 * Rows of the Kahoot template (or CSV with its columns) → a validated quiz. `rowBase` is the sheet
 * row number of `rows[0]` (1 for both xlsx and CSV). A file with any bad row imports nothing.
 */
export function fromKahootRows(rows: Cell[][], title: string, rowBase = 1): ImportResult {
  const header = findHeader(rows);
  if (!header)
    return {
      ok: false,
      errors: [{ path: "header", message: 'no header row with "Question" and "Answer 1" columns found (expected the Kahoot template: Question, Answer 1–4, Time limit (sec), Correct answer(s))' }],
    };
  // Without it every row would fail the same way: one error says it better.
  if (!header.columns.has("correct"))
    return { ok: false, errors: [{ path: `row ${header.row + rowBase}`, message: `no "${label("correct")}" column in the header` }] };
  const errors: ImportError[] = [];
  const answerCols = [...header.columns].filter(([c]) => c.startsWith("answer")).sort((a, b) => Number(a[0].slice(6)) - Number(b[0].slice(6)));
  const questions: QuizQuestionInput[] = [];

  for (let r = header.row + 1; r < rows.length; r++) {
    const row = rows[r]!;
    const rowNo = r + rowBase;
    const at = (c: Column) => `row ${rowNo}, column ${columnLetter(header.columns.get(c) ?? 0)} (${label(c)})`;
    const get = (c: Column) => {
      const i = header.columns.get(c);
      return i === undefined ? "" : cellText(row[i]);
    };
    const answers = answerCols.map(([c, i]) => ({ column: c, text: cellText(row[i]) }));
    const text = get("question");
    const correctRaw = get("correct");
    // Kahoot's template numbers every row in column A, empty or not: a row counts when it has content.
    if (!text && answers.every((a) => !a.text) && !correctRaw) continue;
    const before = errors.length;
    const fail = (c: Column, message: string) => errors.push({ path: at(c), message });

    if (!text) fail("question", "the question is empty");
    else if (text.length > LIMITS.questionTextMax) fail("question", `longer than ${LIMITS.questionTextMax} characters (${text.length})`);
    if (/\uFFFD/.test(text)) fail("question", "contains bytes that are not UTF-8 text (save the file as UTF-8)");

    const filled = answers.filter((a) => a.text);
    for (const a of filled) {
      if (a.text.length > LIMITS.choiceTextMax) fail(a.column as Column, `longer than ${LIMITS.choiceTextMax} characters (${a.text.length})`);
      if (/\uFFFD/.test(a.text)) fail(a.column as Column, "contains bytes that are not UTF-8 text (save the file as UTF-8)");
    }
    if (filled.length < LIMITS.choicesMin) fail("answer1", `needs at least ${LIMITS.choicesMin} answers, found ${filled.length}`);
    if (filled.length > LIMITS.choicesMax) fail(filled[LIMITS.choicesMax]!.column as Column, `at most ${LIMITS.choicesMax} answers, found ${filled.length}`);

    let timeLimitSec = DEFAULT_TIME_SEC;
    const timeRaw = get("time");
    if (timeRaw) {
      const t = Number(timeRaw.replace(/\s*(s|sec|secs|seconds)$/i, ""));
      if (!Number.isInteger(t)) fail("time", `"${timeRaw}" is not a whole number of seconds`);
      else if (t < LIMITS.timeLimitMinSec || t > LIMITS.timeLimitMaxSec)
        fail("time", `${t} s is outside ${LIMITS.timeLimitMinSec}–${LIMITS.timeLimitMaxSec} seconds`);
      else timeLimitSec = t;
    }

    const numbers = correctRaw ? parseCorrect(correctRaw) : [];
    const correct: number[] = [];
    if (!correctRaw) fail("correct", "no correct answer given");
    else if (!numbers) fail("correct", `"${correctRaw}" is not a list of answer numbers like 1 or 1,3`);
    else
      for (const n of numbers) {
        const idx = filled.findIndex((a) => a.column === `answer${n}`);
        if (idx < 0) fail("correct", `answer ${n} is empty or does not exist`);
        else if (!correct.includes(idx)) correct.push(idx);
      }

    if (errors.length > before) continue;
    correct.sort((a, b) => a - b);
    questions.push({ type: correct.length > 1 ? "multi" : "quiz", text, choices: filled.map((a) => a.text), correct, timeLimitSec });
  }
  if (errors.length) return { ok: false, errors: cap(errors) };
  if (questions.length === 0) return { ok: false, errors: [{ path: `row ${header.row + rowBase + 1}`, message: "no questions below the header" }] };
  if (questions.length > LIMITS.questionsMax)
    return { ok: false, errors: [{ path: "rows", message: `at most ${LIMITS.questionsMax} questions allowed, got ${questions.length}` }] };
  const parsed = Quiz.safeParse({ title: title.slice(0, LIMITS.titleMax).trim() || "Kahoot import", questions });
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) };
  return { ok: true, quiz: parsed.data };
}

function cap(errors: ImportError[]): ImportError[] {
  if (errors.length <= MAX_ERRORS) return errors;
  return [...errors.slice(0, MAX_ERRORS), { path: "", message: `…and ${errors.length - MAX_ERRORS} more errors` }];
}
