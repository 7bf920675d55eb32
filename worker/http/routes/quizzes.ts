import { Hono, type Context } from "hono";
import { LIBRARY_MAX, LIMITS, Quiz, type ImportQuizResponse, type QuizList, type ValidateQuizResponse } from "../../protocol";
import { toKahootXlsx } from "../../quiz/export-kahoot";
import { importFile } from "../../quiz/import-file";
import { QuizLibrary } from "../../quiz/library";
import { zodErrors } from "../../quiz/opentdb";
import type { AppEnv } from "../app";
import { ApiError } from "../api-error";
import { readQuizBody } from "../quiz-body";
import { requireRole } from "../require-role";
import { readJson } from "../validate";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/** Largest uploaded file, bytes (the Kahoot template with 100 questions is well under 100 KB). */
export const MAX_UPLOAD_BYTES = 2_000_000;

const library = (c: Context<AppEnv>) => new QuizLibrary(c.env.DB, c.get("host").sub);
const notFound = () => new ApiError("not-found", "No quiz with that id in your library.");

/** The body must be a quiz in our format; errors name each failing field. */
async function readQuiz(c: Context<AppEnv>): Promise<Quiz> {
  const parsed = Quiz.safeParse(await readJson(c));
  if (!parsed.success) throw new ApiError("bad-quiz", "The quiz is invalid.", zodErrors(parsed.error.issues));
  return parsed.data;
}

async function roomFor(c: Context<AppEnv>) {
  if ((await library(c).count()) >= LIBRARY_MAX) throw new ApiError("bad-request", `A library holds at most ${LIBRARY_MAX} quizzes; delete some first.`);
}

/** A download name from the title: letters, digits, dashes. */
const fileName = (title: string, ext: string) => `${title.normalize("NFKD").replace(/[^\w-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60) || "quiz"}.${ext}`;

export const quizRoutes = new Hono<AppEnv>()
  // Checks a quiz file the way `POST /api/games` would, so the host sees errors before launching.
  .post("/validate", requireRole("host"), async (c) => {
    const { quiz } = readQuizBody(await readJson(c));
    const body: ValidateQuizResponse = { quiz, questionCount: quiz.questions.length };
    return c.json(body);
  })
  // The raw file as the body (JSON, CSV or xlsx bytes); `?name=` is the file name (for the title and format hints).
  .post("/import", requireRole("host"), async (c) => {
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    if (bytes.length > MAX_UPLOAD_BYTES) throw new ApiError("bad-request", `The file is larger than ${MAX_UPLOAD_BYTES} bytes.`);
    const result = await importFile(bytes, { filename: c.req.query("name") ?? "", contentType: c.req.header("Content-Type") ?? "" });
    if (!result.ok) {
      const fields = result.errors.map((e) => ({ ...e, path: e.path || "(body)" }));
      throw new ApiError("bad-quiz", "The file could not be imported; nothing was saved.", fields);
    }
    await roomFor(c);
    const saved = await library(c).create(result.quiz, Date.now());
    const body: ImportQuizResponse = { ...saved, format: result.format ?? "native" };
    return c.json(body, 201);
  })
  .get("/", requireRole("host"), async (c) => {
    const body: QuizList = { quizzes: await library(c).list() };
    return c.json(body);
  })
  .post("/", requireRole("host"), async (c) => {
    const quiz = await readQuiz(c);
    await roomFor(c);
    return c.json(await library(c).create(quiz, Date.now()), 201);
  })
  .get("/:id", requireRole("host"), async (c) => {
    const found = await library(c).get(c.req.param("id"));
    if (!found) throw notFound();
    return c.json(found);
  })
  .put("/:id", requireRole("host"), async (c) => {
    const quiz = await readQuiz(c);
    const saved = await library(c).update(c.req.param("id"), quiz, Date.now());
    if (!saved) throw notFound();
    return c.json(saved);
  })
  .delete("/:id", requireRole("host"), async (c) => {
    if (!(await library(c).delete(c.req.param("id")))) throw notFound();
    return c.body(null, 204);
  })
  .post("/:id/duplicate", requireRole("host"), async (c) => {
    const found = await library(c).get(c.req.param("id"));
    if (!found) throw notFound();
    await roomFor(c);
    const suffix = " (copy)";
    const title = found.quiz.title.slice(0, LIMITS.titleMax - suffix.length) + suffix;
    return c.json(await library(c).create({ ...found.quiz, title }, Date.now()), 201);
  })
  // Our JSON (imports back exactly) or Kahoot's spreadsheet template (choice questions only).
  .get("/:id/export", requireRole("host"), async (c) => {
    const found = await library(c).get(c.req.param("id"));
    if (!found) throw notFound();
    const format = c.req.query("format") ?? "json";
    if (format === "json")
      return c.body(JSON.stringify(found.quiz, null, 2), 200, {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="${fileName(found.quiz.title, "json")}"`,
      });
    if (format !== "xlsx") throw new ApiError("bad-request", 'format must be "json" or "xlsx".', [{ path: "format", message: 'must be "json" or "xlsx"' }]);
    const { xlsx, skipped } = await toKahootXlsx(found.quiz);
    return c.body(xlsx, 200, {
      "Content-Type": XLSX_TYPE,
      "Content-Disposition": `attachment; filename="${fileName(found.quiz.title, "xlsx")}"`,
      // Question numbers the template cannot hold (type answer, poll, slider, puzzle).
      "X-Quiz-Skipped": skipped.join(","),
    });
  });

