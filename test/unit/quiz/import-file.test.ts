import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { choicesOf, correctChoices, Quiz } from "../../../worker/protocol/quiz";
import { toKahootXlsx } from "../../../worker/quiz/export-kahoot";
import { importFile } from "../../../worker/quiz/import-file";
import { headerColumn } from "../../../worker/quiz/kahoot-sheet";
import { ALL_TYPES_INPUT } from "../../shared/all-types";

const FIXTURES = new URL("../../../../shared/fixtures/quizzes/", import.meta.url);
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(name, FIXTURES)));
const csv = (text: string) => importFile(new TextEncoder().encode(text), { filename: "quiz.csv" });
const errorsOf = async (p: ReturnType<typeof importFile>) => {
  const r = await p;
  if (r.ok) throw new Error("expected the import to fail");
  return r.errors;
};

/** Every fixture file: the format it is read as and its question count, or the start of its rejection. */
export const FIXTURE_RESULTS: [string, string, number | RegExp][] = [
  ["kahoot-xlsx-flow-state-thai.xlsx", "xlsx", 30],
  ["kahoot-xlsx-opentdb-videogames.xlsx", "xlsx", 20],
  ["kahoot-xlsx-java-german.xlsx", "xlsx", 5],
  ["kahoot-xlsx-official-template-example-row.xlsx", "xlsx", 1],
  ["kahoot-xlsx-not-a-zip-plaintext.xlsx", "", /^not an \.xlsx workbook: the file is not a zip archive/],
  ["kahoot-csv-python-loops.csv", "csv", 30],
  ["opentdb-sample.json", "opentdb", 50],
  ["rahoot-example-official.json", "rahoot", 5],
  ["rahoot-etagi-russian.json", "rahoot", 23],
  ["razzia-curves-and-splines.json", "rahoot", 8],
  ["rahoot-fork-multilang-solution-array.json", "", /multi-language Rahoot fork .* is not supported/],
  ["classquiz-example-quiz-2022.json", "classquiz", 2],
  ["kahoot-api-excerpt-aeds-portuguese.json", "kahoot-api", 1],
];

describe("every shared fixture file", () => {
  it.each(FIXTURE_RESULTS)("%s", async (name, format, expected) => {
    const r = await importFile(fixture(name), { filename: name });
    if (typeof expected === "number") {
      expect(r.ok ? r.quiz.questions.length : r.errors).toBe(expected);
      expect(r.format).toBe(format);
    } else {
      expect(r.ok).toBe(false);
      expect(!r.ok && r.errors[0]!.message).toMatch(expected);
    }
  });

  it("reads the Kahoot template's quirks: text correct answers, string times, trailing spaces, multi-correct example row", async () => {
    const thai = await importFile(fixture("kahoot-xlsx-flow-state-thai.xlsx"));
    expect(thai.ok && thai.quiz.questions[0]).toMatchObject({ type: "quiz", correct: [3], timeLimitSec: 20, choices: ["Deep Work Bootcamp", "Flow Cocktail Formula", "Kahoot Challenge", "Unlocking Flow State"] });
    const games = await importFile(fixture("kahoot-xlsx-opentdb-videogames.xlsx"));
    expect(games.ok && games.quiz.questions.every((q) => q.timeLimitSec === 60)).toBe(true);
    expect(games.ok && games.quiz.questions.flatMap(choicesOf).every((c) => c === c.trim())).toBe(true);
    const java = await importFile(fixture("kahoot-xlsx-java-german.xlsx"));
    expect(java.ok && java.quiz.questions[0]).toMatchObject({ text: "Mit welchem Schlüsselwort wir eine Metode ohne Rückgabewert Definiert?", choices: ["method", "function", "define", "void"], correct: [3] });
    const example = await importFile(fixture("kahoot-xlsx-official-template-example-row.xlsx"));
    expect(example.ok && example.quiz.questions[0]).toMatchObject({ type: "multi", correct: [0, 1, 2, 3], timeLimitSec: 60 });
  });

  it("keeps commas inside quoted CSV fields and strips Kahoot API markup", async () => {
    const loops = await importFile(fixture("kahoot-csv-python-loops.csv"));
    expect(loops.ok && loops.quiz.questions.some((q) => q.text.includes(","))).toBe(true);
    const api = await importFile(fixture("kahoot-api-excerpt-aeds-portuguese.json"));
    expect(api.ok && api.quiz.questions[0]).toMatchObject({ text: "Nesse tipo de tradução de código, é gerado um arquivo de baixo nível:", timeLimitSec: 20, correct: [2] });
  });
});

const HEADER = "Question,Answer 1,Answer 2,Answer 3,Answer 4,Time limit (sec),Correct answer(s)";

describe("malformed spreadsheets: every bad row, with row, column and reason, and nothing imported", () => {
  it("lists each bad row of a file and imports none of it", async () => {
    const errors = await errorsOf(
      csv([HEADER, "Good?,a,b,,,20,1", ",a,b,,,20,1", "No correct?,a,b,,,20,", "Too long?,a,b,,,300,1", "Wrong number?,a,b,,,20,3", "Fine?,a,b,c,,20,\"1,3\""].join("\n")),
    );
    expect(errors).toEqual([
      { path: "row 3, column A (Question)", message: "the question is empty" },
      { path: "row 4, column G (Correct answer(s))", message: "no correct answer given" },
      { path: "row 5, column F (Time limit (sec))", message: "300 s is outside 5–240 seconds" },
      { path: "row 6, column G (Correct answer(s))", message: "answer 3 is empty or does not exist" },
    ]);
  });

  it("7 answers", async () => {
    const errors = await errorsOf(csv(["Question,Answer 1,Answer 2,Answer 3,Answer 4,Answer 5,Answer 6,Answer 7,Time limit (sec),Correct answer(s)", "Q?,a,b,c,d,e,f,g,20,1"].join("\n")));
    expect(errors).toEqual([{ path: "row 2, column H (Answer 7)", message: "at most 6 answers, found 7" }]);
  });

  it("wrong columns", async () => {
    expect(await errorsOf(csv("Frage,Antwort 1,Antwort 2\nA?,x,y"))).toEqual([
      { path: "header", message: expect.stringMatching(/no header row with "Question" and "Answer 1"/) },
    ]);
    expect(await errorsOf(csv("Question,Answer 1,Answer 2,Time\nA?,x,y,20"))).toEqual([{ path: "row 1", message: 'no "Correct answer(s)" column in the header' }]);
  });

  it("bad encoding (Latin-1 bytes in a CSV)", async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode(`${HEADER}\nOK?,a,b,,,20,1\nM`), 0xfc, ...new TextEncoder().encode("nchen?,a,b,,,20,1")]);
    expect(await errorsOf(importFile(bytes, { filename: "x.csv" }))).toEqual([
      { path: "row 3, column A (Question)", message: "contains bytes that are not UTF-8 text (save the file as UTF-8)" },
    ]);
  });

  it("bad encoding in JSON: refused with its line, never saved as U+FFFD; a BOM is fine", async () => {
    const enc = (t: string) => new TextEncoder().encode(t);
    const quiz = (title: Uint8Array) => new Uint8Array([...enc('{\n"title": "Bad'), ...title, ...enc('Title",\n"questions": [{"text": "Q?", "choices": ["a", "b"], "correct": [0]}]}')]);
    expect(await errorsOf(importFile(quiz(new Uint8Array([0xff, 0xfe, 0xc3])), { filename: "q.json" }))).toEqual([
      { path: "", message: "not UTF-8 text: line 2 has bytes that are not UTF-8 (save the file as UTF-8)" },
    ]);
    const bom = await importFile(new Uint8Array([0xef, 0xbb, 0xbf, ...quiz(enc(" "))]), { filename: "q.json" });
    expect(bom).toMatchObject({ ok: true, quiz: { title: "Bad Title" } });
  });

  it("an answer number that is not a number, and a time that is not whole seconds", async () => {
    expect(await errorsOf(csv(`${HEADER}\nQ?,a,b,,,twenty,A`))).toEqual([
      { path: "row 2, column F (Time limit (sec))", message: '"twenty" is not a whole number of seconds' },
      { path: "row 2, column G (Correct answer(s))", message: '"A" is not a list of answer numbers like 1 or 1,3' },
    ]);
  });

  it("matches headers loosely and reads ;-separated files with the template's instruction rows", async () => {
    for (const h of ["Time limit (seconds)", "time (sec)", "TIME LIMIT (S)", "Time limit (sec) – 5, 10, 20"]) expect(headerColumn(h), h).toBe("time");
    for (const h of ["Correct Answer", "Correct answer (1-4)", "correct answer(s)", "Correct answers"]) expect(headerColumn(h), h).toBe("correct");
    const semi = ["", ";Quiz template", "", "", "", "", "", ";Question - max 120 characters;Answer 1;Answer 2;Answer 3;Answer 4;Time limit (sec);Correct answer(s)", "1;Q?;a;b;;;30;2", "2;;;;;;;"].join("\r\n");
    const r = await csv(semi);
    expect(r.ok && r.quiz.questions).toEqual([{ type: "quiz", text: "Q?", choices: ["a", "b"], correct: [1], timeLimitSec: 30, points: 1000 }]);
  });
});

describe("export", () => {
  it("our JSON round-trips exactly for every question type", async () => {
    const quiz = Quiz.parse(ALL_TYPES_INPUT);
    const r = await importFile(new TextEncoder().encode(JSON.stringify(quiz)), { filename: "q.json" });
    expect(r).toEqual({ ok: true, quiz, format: "native" });
  });

  it("the Kahoot template export reads back with the same questions (choice types), and lists the rest as skipped", async () => {
    const quiz = Quiz.parse(ALL_TYPES_INPUT);
    const { xlsx, skipped } = await toKahootXlsx(quiz);
    expect(skipped).toEqual([4, 5, 6, 7]);
    const back = await importFile(new Uint8Array(xlsx), { filename: "Every type.xlsx" });
    if (!back.ok) throw new Error(JSON.stringify(back.errors));
    expect(back.quiz.title).toBe("Every type");
    expect(back.quiz.questions.map((q) => [q.text, choicesOf(q), correctChoices(q), q.timeLimitSec])).toEqual(
      quiz.questions.slice(0, 3).map((q) => [q.text, choicesOf(q), correctChoices(q), q.timeLimitSec]),
    );
  });
});
