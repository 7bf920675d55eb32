import { describe, expect, it } from "vitest";
import { Quiz, StoredQuiz, type QuizInput } from "../../worker/protocol";
import { ALL_TYPES_INPUT } from "../shared/all-types";
import { api, signIn } from "./client";

const json = async <T>(res: Response) => (await res.json()) as T;

async function create(token: string, quiz: QuizInput = ALL_TYPES_INPUT): Promise<StoredQuiz> {
  const res = await api("/api/quizzes", { method: "POST", token, json: quiz });
  expect(res.status).toBe(201);
  return StoredQuiz.parse(await res.json());
}

describe("quiz library", () => {
  it("creates, lists, reads, edits, duplicates and deletes a host's own quizzes", async () => {
    const token = await signIn("Librarian");
    const a = await create(token);
    expect(a).toMatchObject({ title: "Every type", questionCount: 7, quiz: Quiz.parse(ALL_TYPES_INPUT) });
    const list = await json<{ quizzes: { id: string }[] }>(await api("/api/quizzes", { token }));
    expect(list.quizzes.map((q) => q.id)).toContain(a.id);

    const edited = { ...a.quiz, title: "Renamed", questions: a.quiz.questions.slice(0, 2) };
    const put = await api(`/api/quizzes/${a.id}`, { method: "PUT", token, json: edited });
    expect(put.status).toBe(200);
    expect(await json(await api(`/api/quizzes/${a.id}`, { token }))).toMatchObject({ title: "Renamed", questionCount: 2, quiz: edited });

    const dup = await api(`/api/quizzes/${a.id}/duplicate`, { method: "POST", token });
    expect(dup.status).toBe(201);
    const copy = StoredQuiz.parse(await dup.json());
    expect(copy.id).not.toBe(a.id);
    expect(copy.quiz).toEqual({ ...edited, title: "Renamed (copy)" });

    expect((await api(`/api/quizzes/${a.id}`, { method: "DELETE", token })).status).toBe(204);
    expect((await api(`/api/quizzes/${a.id}`, { token })).status).toBe(404);
    expect((await api(`/api/quizzes/${copy.id}`, { token })).status).toBe(200);
  });

  it("shows a host only their own quizzes: another host's id answers 404 on every route", async () => {
    const owner = await signIn("Owner");
    const other = await signIn("Other");
    const q = await create(owner);
    const list = await json<{ quizzes: { id: string }[] }>(await api("/api/quizzes", { token: other }));
    expect(list.quizzes.map((x) => x.id)).not.toContain(q.id);
    for (const [method, path, body] of [
      ["GET", `/api/quizzes/${q.id}`, undefined],
      ["PUT", `/api/quizzes/${q.id}`, q.quiz],
      ["DELETE", `/api/quizzes/${q.id}`, undefined],
      ["POST", `/api/quizzes/${q.id}/duplicate`, undefined],
      ["GET", `/api/quizzes/${q.id}/export`, undefined],
    ] as const) expect((await api(path, { method, token: other, ...(body ? { json: body } : {}) })).status, `${method} ${path}`).toBe(404);
    expect((await api("/api/games", { method: "POST", token: other, json: { quizId: q.id } })).status).toBe(404);
    expect((await api("/api/quizzes", {})).status).toBe(401);
    const admin = await signIn("Admin only", ["admin"]);
    expect((await api("/api/quizzes", { token: admin })).status).toBe(403);
  });

  it("refuses an invalid quiz with every failing field", async () => {
    const token = await signIn();
    const res = await api("/api/quizzes", { method: "POST", token, json: { title: "", questions: [{ type: "slider", text: "x", min: 5, max: 1, correct: 3 }] } });
    expect(res.status).toBe(400);
    const body = await json<{ error: { code: string; fields: { path: string }[] } }>(res);
    expect(body.error.code).toBe("bad-quiz");
    expect(body.error.fields.map((f) => f.path)).toEqual(["title", "questions.0.max"]);
  });

  it("exports our JSON and the Kahoot template, and both import back (xlsx parsed in workerd)", async () => {
    const token = await signIn();
    const q = await create(token);
    const exported = await api(`/api/quizzes/${q.id}/export?format=json`, { token });
    expect(exported.headers.get("Content-Disposition")).toMatch(/attachment; filename="Every-type\.json"/);
    const text = await exported.text();
    const back = await api("/api/quizzes/import?name=every.json", { method: "POST", token, body: text, headers: { "Content-Type": "application/json" } });
    expect(back.status).toBe(201);
    expect(await json(back)).toMatchObject({ format: "native", quiz: q.quiz });

    const xlsx = await api(`/api/quizzes/${q.id}/export?format=xlsx`, { token });
    expect(xlsx.headers.get("X-Quiz-Skipped")).toBe("4,5,6,7");
    const bytes = await xlsx.arrayBuffer();
    const imported = await api("/api/quizzes/import?name=Kahoot%20export.xlsx", {
      method: "POST",
      token,
      body: bytes,
      headers: { "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
    });
    expect(imported.status).toBe(201);
    expect(await json(imported)).toMatchObject({ format: "xlsx", title: "Kahoot export", questionCount: 3 });
  });

  it("imports nothing from a file with bad rows and lists each of them", async () => {
    const token = await signIn("Importer");
    const before = (await json<{ quizzes: unknown[] }>(await api("/api/quizzes", { token }))).quizzes.length;
    const csv = "Question,Answer 1,Answer 2,Time limit (sec),Correct answer(s)\nOK?,a,b,20,1\n,a,b,20,1\nQ?,a,b,300,1\n";
    const res = await api("/api/quizzes/import?name=bad.csv", { method: "POST", token, body: csv, headers: { "Content-Type": "text/csv" } });
    expect(res.status).toBe(400);
    expect((await json<{ error: { fields: unknown[] } }>(res)).error.fields).toEqual([
      { path: "row 3, column A (Question)", message: "the question is empty" },
      { path: "row 4, column D (Time limit (sec))", message: "300 s is outside 5–240 seconds" },
    ]);
    const notZip = await api("/api/quizzes/import?name=x.xlsx", { method: "POST", token, body: "Question Answer\nfoo bar" });
    expect((await json<{ error: { fields: { path: string; message: string }[] } }>(notZip)).error.fields[0]).toMatchObject({ path: "(body)", message: expect.stringMatching(/not a zip archive/) });
    expect((await json<{ quizzes: unknown[] }>(await api("/api/quizzes", { token }))).quizzes).toHaveLength(before);
  });

  it("starts a game from a stored quiz and keeps a snapshot: later edits change nothing in the game", async () => {
    const token = await signIn("Snapshot");
    const q = await create(token);
    const res = await api("/api/games", { method: "POST", token, json: { quizId: q.id, settings: { previewSec: 0 } } });
    expect(res.status, await res.clone().text()).toBe(201);
    const game = await json<{ pin: string; title: string; questionCount: number }>(res);
    expect(game).toMatchObject({ title: "Every type", questionCount: 7 });
    await api(`/api/quizzes/${q.id}`, { method: "PUT", token, json: { ...q.quiz, title: "Changed", questions: q.quiz.questions.slice(0, 1) } });
    await api(`/api/quizzes/${q.id}`, { method: "DELETE", token });
    expect(await json(await api(`/api/games/${game.pin}`))).toMatchObject({ title: "Every type", questionCount: 7 });
  });
});
