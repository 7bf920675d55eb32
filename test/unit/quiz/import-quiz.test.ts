import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Quiz } from "../../../worker/protocol/quiz";
import type { QuizFormat } from "../../../worker/protocol/rest";
import { importQuiz } from "../../../worker/quiz/import-quiz";

// The Open Trivia DB sample is copied into the repo; other apps' files are read from ../shared (CI has it).
const readFixture = (name: string): unknown => {
  const where = name === "opentdb-sample.json" ? "../../fixtures/" : "../../../../shared/fixtures/quizzes/";
  return JSON.parse(readFileSync(new URL(`${where}${name}`, import.meta.url), "utf8"));
};

const valid = (): Quiz => ({
  title: "Capitals",
  description: "Three easy ones",
  shuffleAnswers: true,
  shuffleQuestions: false,
  questions: [
    { type: "quiz", text: "Capital of France?", choices: ["Paris", "Lyon"], correct: [0], timeLimitSec: 20, points: 1000 },
    { type: "quiz", text: "Capital of Japan?", choices: ["Osaka", "Kyoto", "Tokyo", "Nara", "Sapporo", "Kobe"], correct: [2], timeLimitSec: 240, points: 2000 },
    { type: "multi", text: "Which are in Europe?", choices: ["Oslo", "Lima", "Rome"], correct: [0, 2], timeLimitSec: 5, points: 0 },
  ],
});

/** A choice question, for tests that break one on purpose. */
type Loose = { text: string; choices: string[]; correct: number[]; timeLimitSec: number };

/** The error paths of a failed import (fails the test if the import succeeded). */
function errorPaths(input: unknown, format?: QuizFormat): string[] {
  const result = importQuiz(input, format);
  if (result.ok) throw new Error("expected the import to fail");
  return result.errors.map((e) => e.path);
}

describe("native quiz format", () => {
  it("passes a valid quiz through unchanged", () => {
    expect(importQuiz(valid())).toEqual({ ok: true, quiz: valid() });
    expect(importQuiz(valid(), "native")).toEqual({ ok: true, quiz: valid() });
  });

  it("round-trips an imported Open Trivia DB quiz", () => {
    const first = importQuiz(readFixture("opentdb-sample.json"));
    if (!first.ok) throw new Error("fixture import failed");
    expect(importQuiz(JSON.parse(JSON.stringify(first.quiz)))).toEqual(first);
  });

  it("fills in the default time limit (20 s) and points (1000) and trims text", () => {
    // Written without `type`, as quizzes were before question types: one correct index reads as `quiz`.
    const input = { title: "  T ", questions: [{ text: " Q ", choices: [" a", "b "], correct: [1] }] };
    expect(importQuiz(input)).toEqual({
      ok: true,
      quiz: { title: "T", shuffleAnswers: true, shuffleQuestions: false, questions: [{ type: "quiz", text: "Q", choices: ["a", "b"], correct: [1], timeLimitSec: 20, points: 1000 }] },
    });
  });

  it("reports empty question text at questions.N.text", () => {
    const quiz = valid();
    (quiz.questions[1] as Loose).text = "   ";
    expect(importQuiz(quiz)).toEqual({ ok: false, errors: [{ path: "questions.1.text", message: "must not be empty" }] });
  });

  it("reports a correct index that is out of range at questions.N.correct.I", () => {
    const quiz = valid();
    (quiz.questions[2] as Loose).correct = [0, 3];
    expect(importQuiz(quiz)).toEqual({ ok: false, errors: [{ path: "questions.2.correct.1", message: "choice 3 does not exist" }] });
  });

  it("reports 7 choices at questions.N.choices", () => {
    const quiz = valid();
    (quiz.questions[1] as Loose).choices.push("Nagoya");
    expect(errorPaths(quiz)).toEqual(["questions.1.choices"]);
  });

  it("reports a 300 s time limit at questions.N.timeLimitSec", () => {
    const quiz = valid();
    (quiz.questions[0] as Loose).timeLimitSec = 300;
    expect(errorPaths(quiz)).toEqual(["questions.0.timeLimitSec"]);
  });

  it("reports a question without a correct answer at questions.N.correct", () => {
    const quiz = valid();
    (quiz.questions[0] as Loose).correct = [];
    expect(importQuiz(quiz)).toEqual({ ok: false, errors: [{ path: "questions.0.correct", message: "needs at least one correct choice" }] });
    delete (quiz.questions[0] as Partial<Loose>).correct;
    expect(errorPaths(quiz)).toEqual(["questions.0.correct"]);
  });

  it("reports every problem at once, each with its own path", () => {
    const quiz = valid() as unknown as { title: string; questions: Record<string, unknown>[] };
    quiz.title = "";
    quiz.questions[0]!.points = 500;
    quiz.questions[2]!.choices = ["only one"];
    expect(errorPaths(quiz)).toEqual(["title", "questions.0.points", "questions.2.choices", "questions.2.correct.1"]);
  });

  it("rejects more than 100 questions without validating each one", () => {
    const quiz = { title: "Big", questions: new Array(1_000_000).fill(valid().questions[0]) };
    expect(importQuiz(quiz)).toEqual({ ok: false, errors: [{ path: "questions", message: "at most 100 questions allowed, got 1000000" }] });
  });

  it("caps a long error list at 50 entries plus a summary", () => {
    const quiz = { title: "Bad", questions: new Array(100).fill({ text: "", choices: [], correct: [] }) };
    const result = importQuiz(quiz);
    expect(!result.ok && result.errors).toHaveLength(51);
    expect(!result.ok && result.errors[50]).toEqual({ path: "", message: "…and 250 more errors" });
  });
});

describe("format detection and garbage input", () => {
  it("reads Open Trivia DB JSON as native when told to, and reports why it fails", () => {
    expect(errorPaths(readFixture("opentdb-sample.json"), "native")).toEqual(["title", "questions"]);
    expect(errorPaths(valid(), "opentdb")).toEqual(["results"]);
  });

  it("rejects other quiz apps' files with a message naming the accepted formats", () => {
    for (const name of ["rahoot-example-official.json", "kahoot-api-excerpt-aeds-portuguese.json", "razzia-curves-and-splines.json"]) {
      const result = importQuiz(readFixture(name));
      expect(result.ok, name).toBe(false);
    }
    const result = importQuiz({ hello: "world" });
    expect(!result.ok && result.errors[0]!.message).toMatch(/unknown quiz format \(got an object without "questions" or "results"\).*"questions".*Open Trivia DB.*"results"/);
  });

  it("rejects an unknown format name", () => {
    expect(errorPaths(valid(), "xml" as QuizFormat)).toEqual(["format"]);
  });

  let deepObject: unknown = {};
  let deepArray: unknown = [];
  let deepQuestions: unknown = { text: "x" };
  for (let i = 0; i < 100_000; i++) {
    deepObject = { questions: [deepObject], results: { deeper: deepObject } };
    deepArray = [deepArray];
    deepQuestions = { title: "t", questions: [deepQuestions] };
  }
  const circular: Record<string, unknown> = { title: "loop" };
  circular.questions = [circular];
  const throwing = { get questions(): never { throw new Error("boom"); } };
  const proxy = new Proxy({}, { has: () => { throw new Error("boom"); }, get: () => { throw new Error("boom"); } });

  const garbage: [string, unknown][] = [
    ["null", null],
    ["undefined", undefined],
    ["42", 42],
    ["NaN", NaN],
    ['"x"', "x"],
    ["true", true],
    ["a bigint", 10n],
    ["a symbol", Symbol("q")],
    ["a function", () => ({ questions: [] })],
    ["[]", []],
    ["[quiz]", [valid()]],
    ["{}", {}],
    ['{results: "no"}', { results: "no" }],
    ["{results: [null]}", { results: [null] }],
    ["{results: huge junk}", { results: new Array(100).fill([[[]]]) }],
    ['{questions: "no"}', { questions: "no" }],
    ["{questions: [1, null, []]}", { title: "t", questions: [1, null, []] }],
    ["a deeply nested object", deepObject],
    ["a deeply nested array", deepArray],
    ["deeply nested questions", deepQuestions],
    ["a circular quiz", circular],
    ["an object with a throwing getter", throwing],
    ["a proxy that throws", proxy],
  ];

  it.each(garbage)("returns ok:false for %s and never throws, in every format", (_, input) => {
    for (const format of ["auto", "native", "opentdb"] as const) {
      const result = importQuiz(input, format);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.errors.length).toBeGreaterThan(0);
        for (const e of result.errors) expect(typeof e.path === "string" && e.message.length > 0).toBe(true);
      }
    }
  });
});
