import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Quiz } from "../../../worker/protocol/quiz";
import { importQuiz } from "../../../worker/quiz/import-quiz";
import { seededRandom, shuffleQuiz } from "../../../worker/quiz/shuffle";

const imported = importQuiz(
  JSON.parse(readFileSync(new URL("../../fixtures/opentdb-sample.json", import.meta.url), "utf8")),
);
if (!imported.ok) throw new Error("fixture import failed");
const quiz: Quiz = imported.quiz;

const correctTexts = (q: Quiz["questions"][number]) => q.correct.map((c) => q.choices[c]).sort();

describe("shuffleQuiz", () => {
  it("keeps every question's correct answer pointing at the same text, for 500 seeds", () => {
    for (let seed = 0; seed < 500; seed++) {
      const shuffled = shuffleQuiz(quiz, seededRandom(seed));
      expect(shuffled.questions).toHaveLength(quiz.questions.length);
      shuffled.questions.forEach((q, i) => {
        const original = quiz.questions[i]!;
        expect([...q.choices].sort()).toEqual([...original.choices].sort());
        expect(correctTexts(q)).toEqual(correctTexts(original));
        expect({ ...q, choices: original.choices, correct: original.correct }).toEqual(original);
      });
      expect(shuffled.title).toBe(quiz.title);
    }
  });

  it("remaps several correct answers and keeps them sorted", () => {
    const multi: Quiz = {
      title: "m",
      questions: [{ text: "Q", choices: ["a", "b", "c", "d", "e", "f"], correct: [0, 2, 5], timeLimitSec: 20, points: 1000 }],
    };
    for (let seed = 0; seed < 100; seed++) {
      const q = shuffleQuiz(multi, seededRandom(seed)).questions[0]!;
      expect(q.correct.map((c) => q.choices[c]).sort()).toEqual(["a", "c", "f"]);
      expect(q.correct).toEqual([...q.correct].sort((a, b) => a - b));
    }
  });

  it("is deterministic for a seed and does not change its input", () => {
    const before = structuredClone(quiz);
    expect(shuffleQuiz(quiz, seededRandom(42))).toEqual(shuffleQuiz(quiz, seededRandom(42)));
    expect(quiz).toEqual(before);
  });

  it("actually changes the order, moving the correct answer away from first place", () => {
    const shuffled = shuffleQuiz(quiz, seededRandom(7));
    expect(shuffled.questions.some((q, i) => q.choices.join() !== quiz.questions[i]!.choices.join())).toBe(true);
    expect(shuffleQuiz(quiz, seededRandom(8))).not.toEqual(shuffled);
    // Every multiple-choice question starts with its correct answer in the import; count where it lands.
    const positions = [0, 0, 0, 0];
    for (let seed = 0; seed < 200; seed++)
      for (const q of shuffleQuiz(quiz, seededRandom(seed)).questions)
        if (q.choices.length === 4) positions[q.correct[0]!]!++;
    for (const n of positions) expect(n).toBeGreaterThan(35 * 200 * 0.2); // ~25% each
  });

  it("produces every order of 3 choices", () => {
    const three: Quiz = { title: "t", questions: [{ text: "Q", choices: ["a", "b", "c"], correct: [0], timeLimitSec: 20, points: 1000 }] };
    const seen = new Set<string>();
    for (let seed = 0; seed < 200; seed++) seen.add(shuffleQuiz(three, seededRandom(seed)).questions[0]!.choices.join(""));
    expect([...seen].sort()).toEqual(["abc", "acb", "bac", "bca", "cab", "cba"]);
  });

  it("stays valid when the random source misbehaves (returns 1, negatives or NaN)", () => {
    for (const bad of [() => 1, () => -0.5, () => NaN, () => 17]) {
      const shuffled = shuffleQuiz(quiz, bad);
      shuffled.questions.forEach((q, i) => expect(correctTexts(q)).toEqual(correctTexts(quiz.questions[i]!)));
    }
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
