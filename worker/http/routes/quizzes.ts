import { Hono } from "hono";
import type { ValidateQuizResponse } from "../../protocol";
import type { AppEnv } from "../app";
import { requireRole } from "../require-role";
import { readQuizBody } from "../quiz-body";
import { readJson } from "../validate";

export const quizRoutes = new Hono<AppEnv>()
  // Checks a quiz file the way `POST /api/games` would, so the host sees errors before launching.
  .post("/validate", requireRole("host"), async (c) => {
    const { quiz } = readQuizBody(await readJson(c));
    const body: ValidateQuizResponse = { quiz, questionCount: quiz.questions.length };
    return c.json(body);
  });
