// Quiz files of other apps that map cleanly onto our question types: Rahoot/Razzia, early
// ClassQuiz and Kahoot's API JSON. Each becomes our quiz input; the Quiz schema validates it after.
import type { QuizInput, QuizQuestionInput } from "../protocol/quiz";
import { isRecord } from "./opentdb";

export type OtherFormat = "rahoot" | "classquiz" | "kahoot-api" | "rahoot-multilang";

const firstQuestion = (input: Record<string, unknown>) => (Array.isArray(input.questions) && isRecord(input.questions[0]) ? input.questions[0] : null);

/** Recognises another app's quiz JSON by the shape of its first question. */
export function detectOther(input: unknown): OtherFormat | null {
  if (!isRecord(input)) return null;
  const q = firstQuestion(input);
  if (!q) return null;
  if ("languageData" in q) return "rahoot-multilang";
  if (Array.isArray(q.choices) && isRecord(q.choices[0]) && "correct" in q.choices[0]) return "kahoot-api";
  if (Array.isArray(q.answers) && isRecord(q.answers[0]) && "right" in q.answers[0]) return "classquiz";
  if (Array.isArray(q.answers) && ("solution" in q || "solutions" in q)) return "rahoot";
  return null;
}

const str = (v: unknown) => (typeof v === "string" ? v : "");
const num = (v: unknown) => (typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : undefined);
/** Kahoot API text carries markup (`<b>…</b>`); we keep text only. */
const stripTags = (s: string) => s.replace(/<[^>]*>/g, "").replace(/&nbsp;/g, " ").trim();

function typed(correct: number[], base: Omit<QuizQuestionInput & { type: "quiz" }, "type">): QuizQuestionInput {
  return { ...base, type: correct.length > 1 ? "multi" : "quiz", correct };
}

export function convertOther(format: Exclude<OtherFormat, "rahoot-multilang">, input: Record<string, unknown>): QuizInput {
  const questions = (input.questions as unknown[]).map((raw): QuizQuestionInput => {
    const q = isRecord(raw) ? raw : {};
    if (format === "rahoot") {
      const answers = Array.isArray(q.answers) ? q.answers.map(str) : [];
      const sol = q.solutions ?? q.solution;
      const correct = (Array.isArray(sol) ? sol : [sol]).filter((n): n is number => typeof n === "number");
      const image = str(q.image);
      // Rahoot's `time` is seconds.
      return typed(correct, { text: str(q.question), choices: answers, timeLimitSec: num(q.time), ...(image.startsWith("https://") ? { imageUrl: image } : {}) } as never);
    }
    if (format === "classquiz") {
      const answers = Array.isArray(q.answers) ? q.answers.filter(isRecord) : [];
      const correct = answers.flatMap((a, i) => (a.right === true ? [i] : []));
      return typed(correct, { text: str(q.question), choices: answers.map((a) => str(a.answer)), timeLimitSec: num(q.time) } as never);
    }
    const choices = Array.isArray(q.choices) ? q.choices.filter(isRecord) : [];
    const correct = choices.flatMap((c, i) => (c.correct === true ? [i] : []));
    const ms = num(q.time);
    // Kahoot's `time` is milliseconds; `pointsMultiplier` 0/1/2 maps onto our 0/1000/2000.
    const mult = num(q.pointsMultiplier);
    return typed(correct, {
      text: stripTags(str(q.question)),
      choices: choices.map((c) => stripTags(str(c.answer))),
      ...(ms === undefined ? {} : { timeLimitSec: Math.round(ms / 1000) }),
      ...(mult === 0 || mult === 2 ? { points: mult * 1000 } : {}),
    } as never);
  });
  const title = str(input.title) || str(input.subject) || "Imported quiz";
  const description = str(input.description);
  return { title, ...(description ? { description } : {}), questions };
}

export const OTHER_NAMES: Record<OtherFormat, string> = {
  rahoot: "Rahoot/Razzia quiz JSON",
  classquiz: "ClassQuiz quiz JSON",
  "kahoot-api": "Kahoot API JSON",
  "rahoot-multilang": "a multi-language Rahoot fork (languageData per question)",
};
