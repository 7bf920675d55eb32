import { describe, expect, it } from "vitest";
import { basePoints, scoreAnswer, streakBonus } from "../../../worker/game/scoring";
import { answering, DEADLINE, E, Game, HOST, OPEN, P, question, RIGHT, WRONG } from "./harness";

describe("basePoints: round(points × (1 − (t/T)/2)), full points under 0.5 s", () => {
  const T = 20_000;
  it.each([
    { case: "t = 0 earns full points", points: 1000, ms: 0, want: 1000 },
    { case: "t = 499 ms (< 500) earns full points", points: 1000, ms: 499, want: 1000 },
    { case: "t = 500 ms uses the formula", points: 1000, ms: 500, want: 988 },
    { case: "t = T/2 earns 75 %", points: 1000, ms: T / 2, want: 750 },
    { case: "t = T earns 50 %", points: 1000, ms: T, want: 500 },
    { case: "t beyond T is clamped to 50 %", points: 1000, ms: T * 3, want: 500 },
    { case: "double points at t = T/2", points: 2000, ms: T / 2, want: 1500 },
    { case: "double points at t = T", points: 2000, ms: T, want: 1000 },
    { case: "double points under 0.5 s", points: 2000, ms: 100, want: 2000 },
    { case: "0 points at t = 0", points: 0, ms: 0, want: 0 },
    { case: "0 points at t = T/2", points: 0, ms: T / 2, want: 0 },
    // 1000 × (1 − 540/40000) = 986.5 → 987; 1000 × (1 − 1001/40000) = 974.975 → 975
    { case: "rounds a half up", points: 1000, ms: 540, want: 987 },
    { case: "rounds to the nearest integer", points: 1000, ms: 1001, want: 975 },
    // 2000 × (1 − 7777/40000) = 1611.15 → 1611
    { case: "rounds down below a half", points: 2000, ms: 7777, want: 1611 },
  ])("$case", ({ points, ms, want }) => {
    expect(basePoints(points, ms, T)).toBe(want);
  });
});

describe("streakBonus: +100 per correct answer in a row from the 2nd, capped at +500", () => {
  it.each([
    [1, 0],
    [2, 100],
    [3, 200],
    [4, 300],
    [5, 400],
    [6, 500],
    [7, 500],
    [10, 500],
  ])("streak %i earns %i", (streak, bonus) => {
    expect(streakBonus(streak)).toBe(bonus);
  });
});

describe("scoreAnswer", () => {
  const q = { type: "quiz", points: 1000, timeLimitSec: 20 };
  const RIGHT_ANSWER = { correct: true, fraction: 1 };
  const WRONG_ANSWER = { correct: false, fraction: 0 };

  it("adds the streak bonus to the base points and counts this answer in the streak", () => {
    expect(scoreAnswer(q, RIGHT_ANSWER, 0, 2)).toEqual({ correct: true, points: 1200, streak: 3 });
  });

  it("falls to half the points at the time limit", () => {
    expect(scoreAnswer(q, RIGHT_ANSWER, 10_000, 0)).toEqual({ correct: true, points: 750, streak: 1 });
  });

  it("a wrong answer earns nothing and resets the streak", () => {
    expect(scoreAnswer(q, WRONG_ANSWER, 0, 5)).toEqual({ correct: false, points: 0, streak: 0 });
  });

  it("a partly right answer earns its share of the time-based points, without streak", () => {
    expect(scoreAnswer(q, { correct: false, fraction: 0.5 }, 10_000, 3)).toEqual({ correct: false, points: 375, streak: 0 });
  });

  it("a poll earns nothing and keeps the streak", () => {
    expect(scoreAnswer({ ...q, type: "poll", points: 0 }, WRONG_ANSWER, 0, 3)).toEqual({ correct: false, points: 0, streak: 3 });
  });

  it("a 0-point question gives no streak bonus", () => {
    expect(scoreAnswer({ ...q, points: 0 }, RIGHT_ANSWER, 0, 4).points).toBe(0);
  });

  it("caps the bonus at +500 on a long streak", () => {
    expect(scoreAnswer(q, RIGHT_ANSWER, 0, 9)).toEqual({ correct: true, points: 1500, streak: 10 });
  });
});

describe("scoring through the game", () => {
  /** Answers every question with `choices[i]` 100 ms after it opens (null: no answer), then reveals. */
  function play(choices: (number | null)[], questions = choices.map(() => question())) {
    const g = new Game({ questions, settings: { previewSec: 0 } });
    g.do(E.connect(HOST), 0);
    g.do(E.join("a"), 0);
    g.do(E.connect(P("a")), 0);
    g.do(E.join("b"), 0); // stays disconnected, so "a" answering closes each question at once
    const history: { points: number; streak: number; score: number }[] = [];
    let t = 1_000;
    g.do(E.cmd("start"), t);
    choices.forEach((choice, i) => {
      expect(g.state.phase).toBe("answering");
      expect(g.state.question).toBe(i);
      if (choice === null) g.do(E.tick(), (g.state.endsAt ?? 0) + 1);
      else g.do(E.answer("a", i, choice), t + 100);
      expect(g.state.phase).toBe("reveal");
      const a = g.player("a");
      history.push({ points: a.lastPoints, streak: a.streak, score: a.score });
      t += 100_000;
      g.do(E.cmd("next"), t); // leaderboard
      t += 1_000;
      g.do(E.cmd("next"), t); // next question, or the podium
    });
    return history;
  }

  it("streak bonus grows from the 2nd correct answer in a row", () => {
    const h = play([RIGHT, RIGHT, RIGHT]);
    expect(h.map((x) => x.points)).toEqual([1000, 1100, 1200]);
    expect(h.map((x) => x.score)).toEqual([1000, 2100, 3300]);
  });

  it("streak bonus is capped at +500 from the 6th correct answer on", () => {
    const h = play(Array(8).fill(RIGHT));
    expect(h.map((x) => x.points)).toEqual([1000, 1100, 1200, 1300, 1400, 1500, 1500, 1500]);
  });

  it("a wrong answer resets the streak", () => {
    const h = play([RIGHT, RIGHT, WRONG, RIGHT]);
    expect(h.map((x) => x.streak)).toEqual([1, 2, 0, 1]);
    expect(h.map((x) => x.points)).toEqual([1000, 1100, 0, 1000]);
  });

  it("an unanswered question resets the streak at reveal", () => {
    const h = play([RIGHT, RIGHT, null, RIGHT]);
    expect(h.map((x) => x.streak)).toEqual([1, 2, 0, 1]);
    expect(h.map((x) => x.points)).toEqual([1000, 1100, 0, 1000]);
  });

  it("a 0-point question earns no streak bonus", () => {
    const h = play([RIGHT, RIGHT, RIGHT], [question(), question({ points: 0 }), question()]);
    expect(h[1]!.points).toBe(0);
    expect(h.map((x) => x.score)).toEqual([1000, 1000, 1000 + h[2]!.points]);
  });

  it("response time decides the base points: an answer at half time earns 75 %", () => {
    const g = answering(["a", "b"]);
    g.do(E.answer("a", 0, RIGHT), OPEN + LIMIT_HALF);
    g.do(E.answer("b", 0, RIGHT), OPEN + 200);
    expect(g.state.answers.get("a")).toMatchObject({ ms: LIMIT_HALF, points: 750 });
    expect(g.state.answers.get("b")).toMatchObject({ ms: 200, points: 1000 });
    expect(g.state.phase).toBe("reveal");
    expect([g.player("a").score, g.player("b").score]).toEqual([750, 1000]);
  });

  it("an answer in the last millisecond before the deadline earns just over 50 %", () => {
    const g = answering(["a", "b"]);
    g.do(E.answer("a", 0, RIGHT), DEADLINE - 1);
    expect(g.state.answers.get("a")?.points).toBe(500); // 1000 × (1 − 19999/40000) = 500.025
  });
});

const LIMIT_HALF = 10_000;
