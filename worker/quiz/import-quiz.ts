import { LIMITS, Quiz } from "../protocol/quiz";
import type { QuizFormat } from "../protocol/rest";
import { fromOpenTdb, isRecord, zodErrors } from "./opentdb";

export type ImportError = { path: string; message: string };
export type ImportResult = { ok: true; quiz: Quiz } | { ok: false; errors: ImportError[] };

const FORMATS_HINT =
  'expected our own quiz format {"title", "questions": [...]} ' +
  'or Open Trivia DB JSON {"response_code", "results": [...]}';

const fail = (path: string, message: string): ImportResult => ({ ok: false, errors: [{ path, message }] });

function fromNative(input: unknown): ImportResult {
  if (!isRecord(input)) return fail("", `not a quiz object: ${FORMATS_HINT}`);
  const qs = input.questions;
  // Refuse huge arrays up front rather than validating every element.
  if (Array.isArray(qs) && qs.length > LIMITS.questionsMax)
    return fail("questions", `at most ${LIMITS.questionsMax} questions allowed, got ${qs.length}`);
  const parsed = Quiz.safeParse(input);
  return parsed.success ? { ok: true, quiz: parsed.data } : { ok: false, errors: zodErrors(parsed.error.issues) };
}

function describe(input: unknown): string {
  if (input === null) return "null";
  if (Array.isArray(input)) return "an array";
  if (isRecord(input)) return 'an object without "questions" or "results"';
  return `a ${typeof input}`;
}

function detect(input: unknown): "native" | "opentdb" | undefined {
  if (!isRecord(input)) return undefined;
  if (Array.isArray(input.results)) return "opentdb";
  if ("questions" in input) return "native";
  if ("results" in input || "response_code" in input) return "opentdb";
  return undefined;
}

/**
 * Turns a parsed quiz file (our format or Open Trivia DB's) into a validated `Quiz`.
 * Never throws: every problem comes back as `{ok: false, errors}` with the failing path,
 * e.g. `questions.4.text` or `results.12.question`.
 */
export function importQuiz(input: unknown, format: QuizFormat = "auto"): ImportResult {
  try {
    const f = format === "auto" ? detect(input) : format;
    switch (f) {
      case "native":
        return fromNative(input);
      case "opentdb":
        return fromOpenTdb(input);
      case undefined:
        return fail("", `unknown quiz format (got ${describe(input)}): ${FORMATS_HINT}`);
      default:
        return fail("format", `unknown format "${String(f)}": use "auto", "native" or "opentdb"`);
    }
  } catch {
    // Only exotic inputs get here (throwing getters, proxies, exhausted stack).
    return fail("", `could not read the quiz: ${FORMATS_HINT}`);
  }
}
