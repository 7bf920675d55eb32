// Open Trivia DB (https://opentdb.com) importer. The question content from Open Trivia DB is
// licensed CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/); credit opentdb.com
// wherever its questions are shown or redistributed. This code is ours and is not derived from it.
import { decodeHTML } from "entities";
import type { z } from "zod";
import { LIMITS, Quiz, type QuizInput } from "../protocol/quiz";
import type { ImportError, ImportResult } from "./import-quiz";

/** Longer error lists are cut here (one extra entry says how many were left out). */
export const MAX_ERRORS = 50;

const RESPONSE_CODES: Record<number, string> = {
  1: "no results: the API could not return enough questions for the query",
  2: "invalid parameter in the API request",
  3: "session token not found",
  4: "session token has returned all possible questions",
  5: "rate limited: too many requests",
};

export const OPENTDB_QUESTION_DEFAULTS = { timeLimitSec: 20, points: 1000 } as const;
export const OPENTDB_DESCRIPTION = "Questions from Open Trivia DB (opentdb.com), licensed CC BY-SA 4.0.";

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Keeps the first MAX_ERRORS errors and says how many more there were. */
function capped(errors: ImportError[]): ImportError[] {
  if (errors.length <= MAX_ERRORS) return errors;
  return [...errors.slice(0, MAX_ERRORS), { path: "", message: `…and ${errors.length - MAX_ERRORS} more errors` }];
}

/** Zod issues → `{path: "questions.3.correct.0", message}`, paths optionally rewritten. */
export function zodErrors(
  issues: readonly z.core.$ZodIssue[],
  mapPath: (path: readonly PropertyKey[]) => string = (p) => p.map(String).join("."),
): ImportError[] {
  return capped(issues.map((i) => ({ path: mapPath(i.path), message: i.message })));
}

/** Decodes every HTML entity (named, decimal, hex) as a browser would, then trims. Markup stays text. */
export const decodeText = (s: string): string => decodeHTML(s).trim();

/** Our schema's path → the matching field of the Open Trivia DB file. */
function openTdbPath(path: readonly PropertyKey[]): string {
  const [top, n, field, k] = path;
  if (top !== "questions" || n === undefined) return "results";
  const base = `results.${String(n)}`;
  if (field === "text") return `${base}.question`;
  if (field === "choices") {
    if (k === 0) return `${base}.correct_answer`;
    if (typeof k === "number") return `${base}.incorrect_answers.${k - 1}`;
    return `${base}.incorrect_answers`;
  }
  return base;
}

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === "string");

/** Converts Open Trivia DB API JSON `{response_code, results: [...]}` to a validated `Quiz`. */
export function fromOpenTdb(input: unknown): ImportResult {
  const fail = (path: string, message: string): ImportResult => ({ ok: false, errors: [{ path, message }] });
  if (!isRecord(input)) return fail("", 'not Open Trivia DB JSON: expected {"response_code": 0, "results": [...]}');
  const code = input.response_code;
  if (code !== undefined && code !== 0) {
    const why = typeof code === "number" ? RESPONSE_CODES[code] : undefined;
    return fail("response_code", `Open Trivia DB response_code ${JSON.stringify(code) ?? String(code)}${why ? ` (${why})` : ""}; only 0 (success) can be imported`);
  }
  const results = input.results;
  if (!Array.isArray(results)) return fail("results", "must be an array of Open Trivia DB questions");
  if (results.length > LIMITS.questionsMax)
    return fail("results", `at most ${LIMITS.questionsMax} questions allowed, got ${results.length}`);

  const errors: ImportError[] = [];
  const categories = new Set<string>();
  const questions: QuizInput["questions"] = [];
  results.forEach((r: unknown, i) => {
    const at = `results.${i}`;
    if (!isRecord(r)) return void errors.push({ path: at, message: "must be a question object" });
    const { type, question, correct_answer, incorrect_answers, category } = r;
    const before = errors.length;
    if (type !== "multiple" && type !== "boolean")
      errors.push({ path: `${at}.type`, message: `must be "multiple" or "boolean", got ${JSON.stringify(type) ?? "nothing"}` });
    if (typeof question !== "string") errors.push({ path: `${at}.question`, message: "must be a string" });
    if (typeof correct_answer !== "string") errors.push({ path: `${at}.correct_answer`, message: "must be a string" });
    if (!isStringArray(incorrect_answers))
      errors.push({ path: `${at}.incorrect_answers`, message: "must be an array of strings" });
    if (category !== undefined && typeof category !== "string")
      errors.push({ path: `${at}.category`, message: "must be a string" });
    const wellFormed = typeof question === "string" && typeof correct_answer === "string" && isStringArray(incorrect_answers);
    if (errors.length > before || !wellFormed) return;

    if (typeof category === "string") categories.add(decodeText(category));
    const text = decodeText(question);
    const correct = decodeText(correct_answer);
    if (type === "boolean") {
      const truth = correct.toLowerCase();
      if (truth !== "true" && truth !== "false")
        return void errors.push({ path: `${at}.correct_answer`, message: `must be "True" or "False" for a boolean question` });
      questions.push({ type: "truefalse", text, correct: truth === "true", ...OPENTDB_QUESTION_DEFAULTS });
    } else {
      const choices = [correct, ...incorrect_answers.map(decodeText)];
      questions.push({ type: "quiz", text, choices, correct: [0], ...OPENTDB_QUESTION_DEFAULTS });
    }
  });
  if (errors.length) return { ok: false, errors: capped(errors) };

  const [only] = categories;
  const titled = categories.size === 1 && only ? `Open Trivia DB: ${only}` : "";
  const title = titled && titled.length <= LIMITS.titleMax ? titled : "Open Trivia DB quiz";
  const parsed = Quiz.safeParse({ title, description: OPENTDB_DESCRIPTION, questions });
  return parsed.success
    ? { ok: true, quiz: parsed.data }
    : { ok: false, errors: zodErrors(parsed.error.issues, openTdbPath) };
}
