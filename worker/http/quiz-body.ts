import type { z } from "zod";
import { CreateGameRequest, type Quiz } from "../protocol";
import { importQuiz } from "../quiz/import-quiz";
import { ApiError } from "./api-error";
import { fieldErrors } from "./validate";

/**
 * Reads a body that is `{quiz, format?, settings?}` or the quiz file itself, and imports the quiz.
 * Error paths start with `quiz.` only when the body was wrapped, so they point into what was sent.
 */
export function readQuizBody(raw: unknown): { quiz: Quiz; settings: z.output<typeof CreateGameRequest>["settings"] } {
  const wrapped = typeof raw === "object" && raw !== null && "quiz" in raw;
  const req = CreateGameRequest.safeParse(wrapped ? raw : { quiz: raw });
  if (!req.success) throw new ApiError("bad-request", "The request body is invalid.", fieldErrors(req.error));
  const imported = importQuiz(req.data.quiz, req.data.format);
  if (!imported.ok) {
    const prefix = wrapped ? "quiz." : "";
    const fields = imported.errors.map((e) => ({ ...e, path: e.path ? `${prefix}${e.path}` : wrapped ? "quiz" : "(body)" }));
    throw new ApiError("bad-quiz", "The quiz could not be read.", fields);
  }
  return { quiz: imported.quiz, settings: req.data.settings };
}
