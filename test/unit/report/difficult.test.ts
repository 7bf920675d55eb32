import { describe, expect, it } from "vitest";
import type { GameResult } from "../../../worker/protocol";
import { buildReport } from "../../../worker/report/build-report";
import { syntheticResult } from "../../worker/synthetic-result";

describe("the report's hardest questions", () => {
  it("never lists a poll, which nobody can get right", () => {
    const base = syntheticResult(6, 3, { gameId: "00000000-0000-4000-8000-000000000001" });
    // Question 1 becomes a poll: 0% "correct" by construction, yet not difficult.
    const questions = base.quiz.questions.map((q, i) =>
      i === 1 ? { type: "poll" as const, text: "Which do you prefer?", choices: ["a", "b", "c", "d"], timeLimitSec: 20, points: 0 as const } : q,
    );
    const result: GameResult = { ...base, quiz: { ...base.quiz, questions } as GameResult["quiz"] };
    const report = buildReport(result);
    expect(report.difficult).not.toContain(1);
    expect(report.difficult).toEqual(expect.arrayContaining([0, 2]));
  });
});
