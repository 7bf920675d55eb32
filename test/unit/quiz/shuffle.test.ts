import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { choicesOf, correctChoices, Quiz, type QuizInput, type QuizQuestion } from "../../../worker/protocol/quiz";
import { importQuiz } from "../../../worker/quiz/import-quiz";
import { prepareQuiz, seededRandom, shuffleQuiz } from "../../../worker/quiz/shuffle";
import { allTypesQuiz } from "../../shared/all-types";

const imported = importQuiz(
  JSON.parse(readFileSync(new URL("../../fixtures/opentdb-sample.json", import.meta.url), "utf8")),
);
if (!imported.ok) throw new Error("fixture import failed");
const quiz: Quiz = imported.quiz;

const correctTexts = (q: QuizQuestion) => correctChoices(q).map((c) => choicesOf(q)[c]).sort();
const tiles = (q: QuizQuestion) => choicesOf(q);
const parse = (input: QuizInput): Quiz => Quiz.parse(input);

describe("shuffleQuiz", () => {
  it("keeps every question's correct answer pointing at the same text, for 500 seeds", () => {
    for (let seed = 0; seed < 500; seed++) {
      const shuffled = shuffleQuiz(quiz, seededRandom(seed));
      expect(shuffled.questions).toHaveLength(quiz.questions.length);
      shuffled.questions.forEach((q, i) => {
        const original = quiz.questions[i]!;
        expect([...tiles(q)].sort()).toEqual([...tiles(original)].sort());
        expect(correctTexts(q)).toEqual(correctTexts(original));
        // Only the tiles and the correct indexes move.
        if (q.type === "quiz" && original.type === "quiz") expect({ ...q, choices: original.choices, correct: original.correct }).toEqual(original);
        else expect(q).toEqual(original);
      });
      expect(shuffled.title).toBe(quiz.title);
    }
  });

  it("keeps the meaning of every question type (multi, poll, slider, type answer, puzzle, true/false), for 300 seeds", () => {
    const all = allTypesQuiz();
    for (let seed = 0; seed < 300; seed++) {
      const shuffled = shuffleQuiz(all, seededRandom(seed));
      shuffled.questions.forEach((q, i) => {
        const original = all.questions[i]!;
        expect(q.type).toBe(original.type);
        expect(correctTexts(q)).toEqual(correctTexts(original));
        expect([...tiles(q)].sort()).toEqual([...tiles(original)].sort());
        // Types without tiles come back unchanged: slider value, accepted answers, puzzle solution order.
        if (!["quiz", "multi", "poll"].includes(q.type)) expect(q).toEqual(original);
        expect(Quiz.shape.questions.element.safeParse(q).success).toBe(true);
      });
    }
  });

  it("remaps several correct answers and keeps them sorted", () => {
    const multi = parse({ title: "m", questions: [{ type: "multi", text: "Q", choices: ["a", "b", "c", "d", "e", "f"], correct: [0, 2, 5] }] });
    for (let seed = 0; seed < 100; seed++) {
      const q = shuffleQuiz(multi, seededRandom(seed)).questions[0]!;
      const correct = correctChoices(q);
      expect(correct.map((c) => tiles(q)[c]).sort()).toEqual(["a", "c", "f"]);
      expect(correct).toEqual([...correct].sort((a, b) => a - b));
    }
  });

  it("is deterministic for a seed and does not change its input", () => {
    const before = structuredClone(quiz);
    expect(shuffleQuiz(quiz, seededRandom(42))).toEqual(shuffleQuiz(quiz, seededRandom(42)));
    expect(quiz).toEqual(before);
  });

  it("actually changes the order, moving the correct answer away from first place", () => {
    const shuffled = shuffleQuiz(quiz, seededRandom(7));
    expect(shuffled.questions.some((q, i) => tiles(q).join() !== tiles(quiz.questions[i]!).join())).toBe(true);
    expect(shuffleQuiz(quiz, seededRandom(8))).not.toEqual(shuffled);
    const positions = [0, 0, 0, 0];
    for (let seed = 0; seed < 200; seed++)
      for (const q of shuffleQuiz(quiz, seededRandom(seed)).questions) if (q.type === "quiz") positions[q.correct[0]!]!++;
    for (const n of positions) expect(n).toBeGreaterThan(35 * 200 * 0.2); // ~25% each
  });

  it("keeps True before False", () => {
    for (let seed = 0; seed < 50; seed++)
      for (const q of shuffleQuiz(quiz, seededRandom(seed)).questions) if (q.type === "truefalse") expect(tiles(q)).toEqual(["True", "False"]);
  });

  it("produces every order of 3 choices", () => {
    const three = parse({ title: "t", questions: [{ type: "quiz", text: "Q", choices: ["a", "b", "c"], correct: [0] }] });
    const seen = new Set<string>();
    for (let seed = 0; seed < 200; seed++) seen.add(tiles(shuffleQuiz(three, seededRandom(seed)).questions[0]!).join(""));
    expect([...seen].sort()).toEqual(["abc", "acb", "bac", "bca", "cab", "cba"]);
  });

  it("stays valid when the random source misbehaves (returns 1, negatives or NaN)", () => {
    for (const bad of [() => 1, () => -0.5, () => NaN, () => 17]) {
      const shuffled = shuffleQuiz(quiz, bad);
      shuffled.questions.forEach((q, i) => expect(correctTexts(q)).toEqual(correctTexts(quiz.questions[i]!)));
    }
  });
});

describe("prepareQuiz", () => {
  it("keeps the answer order when the quiz or the game says so", () => {
    expect(prepareQuiz({ ...quiz, shuffleAnswers: false }, seededRandom(1))).toEqual({ ...quiz, shuffleAnswers: false });
    expect(prepareQuiz(quiz, seededRandom(1), true)).toEqual(quiz);
  });

  it("shuffles the questions only when asked, keeping each question whole", () => {
    const all = allTypesQuiz();
    const same = prepareQuiz({ ...all, shuffleAnswers: false }, seededRandom(3));
    expect(same.questions).toEqual(all.questions);
    for (let seed = 0; seed < 50; seed++) {
      const moved = prepareQuiz({ ...all, shuffleAnswers: false, shuffleQuestions: true }, seededRandom(seed));
      const key = (q: QuizQuestion) => JSON.stringify(q);
      expect(moved.questions.map(key).sort()).toEqual(all.questions.map(key).sort());
    }
    const orders = new Set(Array.from({ length: 20 }, (_, seed) => prepareQuiz({ ...all, shuffleQuestions: true }, seededRandom(seed)).questions.map((q) => q.type).join()));
    expect(orders.size).toBeGreaterThan(1);
  });
});

describe("seededRandom", () => {
  it("returns the same sequence for the same seed, in [0, 1)", () => {
    const a = seededRandom(123);
    const b = seededRandom(123);
    for (let i = 0; i < 1000; i++) {
      const x = a();
      expect(x).toBe(b());
      expect(x >= 0 && x < 1).toBe(true);
    }
  });

  it("gives different sequences for different seeds", () => {
    const a = seededRandom(1);
    const b = seededRandom(2);
    expect([a(), a(), a()]).not.toEqual([b(), b(), b()]);
  });
});
