import { describe, expect, it } from "vitest";
import { checkAnswer, judge, normaliseTyped, type AnswerFrame } from "../../../worker/game/answer-value";
import { puzzleDisplayOrder } from "../../../worker/game/puzzle-order";
import { PROTOCOL_VERSION, Quiz, type QuestionType, type QuizQuestion } from "../../../worker/protocol";
import { allTypesQuiz } from "../../shared/all-types";
import { answering, E, HOST, only, OPEN, P, seenByPlayers } from "./harness";

const all = allTypesQuiz();
const q = <T extends QuestionType>(type: T) => all.questions.find((x) => x.type === type) as Extract<QuizQuestion, { type: T }>;
const frame = (payload: Partial<AnswerFrame>): AnswerFrame => ({ v: PROTOCOL_VERSION, type: "answer", question: 0, answerId: "a", ...payload });
const IDENTITY = [0, 1, 2, 3];

/** Judges a payload for a question (puzzle orders here are in solution indexes: display = identity). */
function judged(question: QuizQuestion, payload: Partial<AnswerFrame>) {
  const checked = checkAnswer(question, frame(payload), IDENTITY);
  if ("code" in checked) return checked.code;
  return judge(question, checked);
}

const RIGHT = { correct: true, fraction: 1 };
const WRONG = { correct: false, fraction: 0 };

describe("judging every question type", () => {
  const cases: [string, QuizQuestion, Partial<AnswerFrame>, unknown][] = [
    ["quiz: the right tile", q("quiz"), { choice: 0 }, RIGHT],
    ["quiz: a wrong tile", q("quiz"), { choice: 2 }, WRONG],
    ["quiz: a tile that does not exist", q("quiz"), { choice: 4 }, "bad-choice"],
    ["quiz: no choice", q("quiz"), { text: "Paris" }, "bad-answer"],
    ["multi: all right picks", q("multi"), { choices: [2, 0] }, RIGHT],
    ["multi: one of two right picks: half", q("multi"), { choices: [0] }, { correct: false, fraction: 0.5 }],
    ["multi: a wrong extra pick scores 0", q("multi"), { choices: [0, 2, 3] }, WRONG],
    ["multi: only a wrong pick", q("multi"), { choices: [1] }, WRONG],
    ["multi: a repeated pick", q("multi"), { choices: [0, 0] }, "bad-answer"],
    ["multi: no picks", q("multi"), { choices: [] }, "bad-answer"],
    ["multi: a pick that does not exist", q("multi"), { choices: [0, 6] }, "bad-choice"],
    ["truefalse: True when true", q("truefalse"), { choice: 0 }, RIGHT],
    ["truefalse: False when true", q("truefalse"), { choice: 1 }, WRONG],
    ["truefalse: a third tile", q("truefalse"), { choice: 2 }, "bad-choice"],
    ["typeanswer: exact", q("typeanswer"), { text: "Malmö" }, RIGHT],
    ["typeanswer: other case, spaces around", q("typeanswer"), { text: "  mALMÖ " }, RIGHT],
    ["typeanswer: accents left out", q("typeanswer"), { text: "malmo" }, RIGHT],
    ["typeanswer: decomposed accent (NFD)", q("typeanswer"), { text: "Malmo\u0308" }, RIGHT],
    ["typeanswer: wrong", q("typeanswer"), { text: "Lund" }, WRONG],
    ["typeanswer: only spaces", q("typeanswer"), { text: "   " }, "bad-answer"],
    ["typeanswer: a choice instead of text", q("typeanswer"), { choice: 0 }, "bad-answer"],
    ["poll: any tile is never 'correct'", q("poll"), { choice: 1 }, WRONG],
    ["poll: a tile that does not exist", q("poll"), { choice: 3 }, "bad-choice"],
    ["slider: exact", q("slider"), { value: 1989 }, RIGHT],
    ["slider: 2 off with tolerance 4: 3/4", q("slider"), { value: 1991 }, { correct: true, fraction: 0.75 }],
    ["slider: exactly at the tolerance edge (below): half", q("slider"), { value: 1985 }, { correct: true, fraction: 0.5 }],
    ["slider: exactly at the tolerance edge (above): half", q("slider"), { value: 1993 }, { correct: true, fraction: 0.5 }],
    ["slider: one step past the edge", q("slider"), { value: 1994 }, WRONG],
    ["slider: outside the range", q("slider"), { value: 2001 }, "bad-answer"],
    ["slider: no value", q("slider"), { choice: 1 }, "bad-answer"],
    ["puzzle: the solution", q("puzzle"), { order: [0, 1, 2, 3] }, RIGHT],
    ["puzzle: partly right (two swapped) scores 0", q("puzzle"), { order: [0, 1, 3, 2] }, WRONG],
    ["puzzle: reversed", q("puzzle"), { order: [3, 2, 1, 0] }, WRONG],
    ["puzzle: an item twice", q("puzzle"), { order: [0, 0, 1, 2] }, "bad-answer"],
    ["puzzle: too few items", q("puzzle"), { order: [0, 1, 2] }, "bad-answer"],
  ];
  it.each(cases)("%s", (_, question, payload, expected) => {
    expect(judged(question, payload)).toEqual(expected);
  });

  it("slider: float steps never fall off the tolerance edge by rounding", () => {
    const s = Quiz.parse({ title: "t", questions: [{ type: "slider", text: "pH?", min: 0, max: 14, step: 0.1, correct: 7.3, tolerance: 0.2 }] }).questions[0]!;
    expect(judged(s, { value: 7.1 })).toMatchObject({ correct: true });
    expect(judged(s, { value: 7.5 })).toMatchObject({ correct: true });
    expect(judged(s, { value: 7.6 })).toEqual(WRONG);
  });

  it("slider with tolerance 0 accepts only the exact value, at full points", () => {
    const s = { ...q("slider"), tolerance: 0 };
    expect(judged(s, { value: 1989 })).toEqual(RIGHT);
    expect(judged(s, { value: 1990 })).toEqual(WRONG);
  });

  it("typeanswer: case and accent sensitivity when the question asks for them", () => {
    const strict = { ...q("typeanswer"), accepted: ["Malmö"], caseSensitive: true, accentSensitive: true };
    expect(judged(strict, { text: "Malmö" })).toEqual(RIGHT);
    expect(judged(strict, { text: "malmö" })).toEqual(WRONG);
    expect(judged(strict, { text: "Malmo" })).toEqual(WRONG);
    expect(normaliseTyped("  São   Paulo ", { caseSensitive: false, accentSensitive: false })).toBe("sao paulo");
  });
});

describe("puzzle display order", () => {
  it("is a permutation that is never the solution, stable per game and question", () => {
    for (let n = 3; n <= 6; n++)
      for (let i = 0; i < 500; i++) {
        const order = puzzleDisplayOrder(`game-${i}`, i % 7, n);
        expect([...order].sort()).toEqual(Array.from({ length: n }, (_, k) => k));
        expect(order.every((item, pos) => item === pos)).toBe(false);
        expect(puzzleDisplayOrder(`game-${i}`, i % 7, n)).toEqual(order);
      }
  });

  it("maps the shown positions back to the solution, for 200 games", () => {
    const puzzle = q("puzzle");
    for (let i = 0; i < 200; i++) {
      const display = puzzleDisplayOrder(`g${i}`, 0, 4);
      // The player puts the shown items in solution order: the k-th pick is where item k is shown.
      const order = [0, 1, 2, 3].map((item) => display.indexOf(item));
      const checked = checkAnswer(puzzle, frame({ order }), display);
      expect("code" in checked ? checked : judge(puzzle, checked)).toEqual(RIGHT);
      const shownAsIs = checkAnswer(puzzle, frame({ order: [0, 1, 2, 3] }), display);
      expect("code" in shownAsIs ? shownAsIs : judge(puzzle, shownAsIs)).toEqual(WRONG);
    }
  });
});

describe("every type through the game", () => {
  /** Plays question `index` of the all-types quiz with one answer per player 100 ms after opening (full time points). */
  function play(index: number, answers: Record<string, Partial<AnswerFrame>>) {
    const quiz = { ...all, questions: [all.questions[index]!] };
    const g = answering(Object.keys(answers), { questions: quiz.questions });
    const questionFrame = g.log.flatMap((o) => o.sent).find((s) => s.frame.type === "question")!.frame;
    for (const [id, payload] of Object.entries(answers)) {
      const out = g.do(E.answerWith(id, 0, payload), OPEN + 100);
      expect(out.rejection).toBeUndefined();
    }
    const reveal = g.log.flatMap((o) => o.sent).find((s) => s.frame.type === "reveal")!.frame;
    return { g, questionFrame, reveal: reveal.type === "reveal" ? reveal.reveal : null };
  }

  it("quiz: right answer earns time-based points, reveal shows the distribution and explanation", () => {
    const { g, reveal } = play(0, { a: { choice: 0 }, b: { choice: 1 } });
    expect([g.player("a").score, g.player("b").score]).toEqual([1000, 0]);
    expect(reveal).toMatchObject({ type: "quiz", correct: [0], counts: [1, 1, 0, 0], correctCount: 1, explanation: "Since 508." });
  });

  it("multi: full, partial and wrong-extra picks; counts per picked tile", () => {
    const { g, reveal } = play(1, { a: { choices: [0, 2] }, b: { choices: [2] }, c: { choices: [0, 1, 2] } });
    expect([g.player("a").score, g.player("b").score, g.player("c").score]).toEqual([1000, 500, 0]);
    expect([g.player("a").streak, g.player("b").streak]).toEqual([1, 0]);
    expect(reveal).toMatchObject({ type: "multi", correct: [0, 2], counts: [2, 1, 3, 0], correctCount: 1 });
  });

  it("truefalse: tiles True/False, double points", () => {
    const { g, questionFrame, reveal } = play(2, { a: { choice: 0 }, b: { choice: 1 } });
    expect(questionFrame).toMatchObject({ question: { type: "truefalse", choices: ["True", "False"], points: 2000 } });
    expect([g.player("a").score, g.player("b").score]).toEqual([2000, 0]);
    expect(reveal).toMatchObject({ correct: [0], counts: [1, 1] });
  });

  it("typeanswer: accepted answers and the typed answers appear only at the reveal", () => {
    const { g, questionFrame, reveal } = play(3, { a: { text: "malmo" }, b: { text: "Lund" }, c: { text: "MALMÖ" } });
    expect(JSON.stringify(questionFrame)).not.toMatch(/Malm/i);
    expect([g.player("a").score, g.player("b").score, g.player("c").score]).toEqual([1000, 0, 1000]);
    expect(reveal).toMatchObject({ accepted: ["Malmö", "Malmo"], typed: [{ text: "malmo", count: 2 }, { text: "lund", count: 1 }], correctCount: 2 });
  });

  it("poll: 0 points for everyone, streak kept, distribution shown", () => {
    const { g, reveal } = play(4, { a: { choice: 0 }, b: { choice: 0 }, c: { choice: 2 } });
    expect([g.player("a").score, g.player("c").score]).toEqual([0, 0]);
    expect(reveal).toMatchObject({ type: "poll", correct: [], counts: [2, 0, 1], correctCount: 0 });
  });

  it("slider: exact, near and far; the right value and tolerance only at the reveal", () => {
    const { g, questionFrame, reveal } = play(5, { a: { value: 1989 }, b: { value: 1991 }, c: { value: 1950 } });
    expect(questionFrame).toMatchObject({ question: { slider: { min: 1900, max: 2000, step: 1 } } });
    expect(JSON.stringify(questionFrame)).not.toMatch(/1989|tolerance/);
    expect([g.player("a").score, g.player("b").score, g.player("c").score]).toEqual([1000, 750, 0]);
    expect(reveal).toMatchObject({ slider: { correct: 1989, tolerance: 4, histogram: [{ value: 1950, count: 1 }, { value: 1989, count: 1 }, { value: 1991, count: 1 }] } });
  });

  it("puzzle: shown shuffled (never the solution), solved by order of shown positions, solution at the reveal", () => {
    const puzzle = q("puzzle");
    const g0 = answering(["x"], { questions: [puzzle] });
    const shown = g0.log.flatMap((o) => o.sent).find((s) => s.frame.type === "question")!.frame;
    const items = shown.type === "question" ? shown.question.items! : [];
    expect([...items].sort()).toEqual([...puzzle.items].sort());
    expect(items).not.toEqual(puzzle.items);
    const solve = puzzle.items.map((it) => items.indexOf(it));
    const { g, reveal } = play(6, { a: { order: solve }, b: { order: [0, 1, 2, 3] } });
    expect(g.player("a").score).toBe(1000);
    expect(g.player("b").score).toBe(0);
    expect(reveal).toMatchObject({ solution: ["Ant", "Cat", "Horse", "Whale"] });
    expect(reveal!.positions!.reduce((x, y) => x + y, 0)).toBeGreaterThanOrEqual(4);
  });

  it("no frame to players carries an answer of any type before the reveal", () => {
    const secrets = ["Since 508", "Malmö", "Malmo", "1989", "tolerance", "accepted", "solution", "correct\""];
    const g = answering(["a", "b"], { questions: all.questions, settings: { previewSec: 0 } });
    for (let i = 0; i < all.questions.length; i++) {
      const before = g.log.flatMap((o) => seenByPlayers(o.sent)).filter((f) => f.type !== "reveal" && f.type !== "result");
      const snapshot = only(g.do(E.sync(P("a")), OPEN + i * 100_000 + 10).sent, "snapshot");
      for (const s of secrets) {
        const text = JSON.stringify([...before.filter((f) => f.type === "question" || f.type === "open"), snapshot]).replace(/"correct":\s*(true|false)/g, "");
        // Only the current question's frames are checked: earlier reveals are allowed to show their answers.
        if (i === 0) expect(text, s).not.toContain(s);
      }
      if (i === 0) g.do(E.cmd("skip", HOST), OPEN + 50);
    }
    // A snapshot in the middle of a puzzle shows items, never the solution order.
    const p = answering(["a"], { questions: [q("puzzle")] });
    const snap = only(p.do(E.sync(P("a")), OPEN + 10).sent, "snapshot");
    expect(snap.question?.items).not.toEqual(q("puzzle").items);
    expect(JSON.stringify(snap)).not.toContain("solution");
  });
});
