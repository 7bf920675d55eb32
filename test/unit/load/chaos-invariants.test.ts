// The chaos run's checker must catch what it claims to: lost, doubled, invented and misscored answers.
import { describe, expect, it } from "vitest";
import type { GameReport, GameResult } from "../../../worker/protocol";
import { checkInvariants } from "../../load/chaos-game";
import { ChaosPlayer } from "../../load/chaos-player";

function player(id: string, sent: [number, number][], confirmed: number[]): ChaosPlayer {
  const p = new ChaosPlayer("http://x", "123456", "g1", { pin: "123456", playerId: id, nickname: `g1-${id}`, resumeToken: "r", ticket: "t" }, { drop: 0, sleep: 0, misbehave: 0 }, 0);
  for (const [q, choice] of sent) p.ledger.sent.set(q, { answerId: `${id}-${q}`, choice });
  for (const q of confirmed) p.ledger.confirmed.add(q);
  return p;
}

const answer = (playerId: string, question: number, choice: number, points: number) => ({ question, playerId, choice, correct: points > 0, ms: 100, points, streak: 0 });

function archive(answers: GameResult["answers"], scores: Record<string, number>) {
  const ids = Object.keys(scores);
  const result = {
    v: 1, gameId: "g", pin: "123456", hostId: "h", quiz: { title: "t", questions: [] }, createdAt: 0, startedAt: 0, endedAt: 1, reason: "finished",
    players: ids.map((id, i) => ({ id, nickname: `g1-${id}`, score: scores[id]!, rank: i + 1, correct: 0 })),
    answers,
  } as unknown as GameResult;
  const report = {
    players: ids.map((id) => ({ playerId: id, score: scores[id]!, points: [answers.filter((a) => a.playerId === id).reduce((n, a) => n + a.points, 0)] })),
    questions: [{ answered: answers.length, distribution: [answers.length] }],
  } as unknown as GameReport;
  return { result, report };
}

describe("the chaos invariants", () => {
  const players = () => [player("a", [[0, 1]], [0]), player("b", [[0, 2]], [])];

  it("pass for a consistent game (an unconfirmed answer may or may not be stored)", () => {
    const { result, report } = archive([answer("a", 0, 1, 1000)], { a: 1000, b: 0 });
    expect(checkInvariants("g1", players(), report, result, new Map([[0, 1]]), 1)).toEqual([]);
  });

  it("catch a lost acknowledged answer, a double answer, an invented one and a wrong total", () => {
    const lost = archive([], { a: 0, b: 0 });
    expect(checkInvariants("g1", players(), lost.report, lost.result, new Map([[0, 0]]), 1).join()).toMatch(/acknowledged answer to question 0 is not stored/);
    const twice = archive([answer("a", 0, 1, 1000), answer("a", 0, 1, 1000)], { a: 2000, b: 0 });
    expect(checkInvariants("g1", players(), twice.report, twice.result, new Map([[0, 2]]), 1).join()).toMatch(/two answers to question 0/);
    const invented = archive([answer("a", 0, 1, 1000), answer("b", 0, 3, 0)], { a: 1000, b: 0 });
    expect(checkInvariants("g1", players(), invented.report, invented.result, new Map([[0, 2]]), 1).join()).toMatch(/stored choice 3/);
    const total = archive([answer("a", 0, 1, 1000)], { a: 1100, b: 0 });
    expect(checkInvariants("g1", players(), total.report, total.result, new Map([[0, 1]]), 1).join()).toMatch(/archived score 1100/);
  });
});
