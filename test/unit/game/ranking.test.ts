import { describe, expect, it } from "vitest";
import { rankPlayers, topPlayers } from "../../../worker/game/ranking";
import type { GameState } from "../../../worker/game/state";
import { E, Game, T0 } from "./harness";

/** A lobby whose players have these scores (set directly: ranking is a pure helper over the state). */
function withScores(scores: Record<string, number>, kicked: string[] = []): GameState {
  const g = new Game();
  let t = T0;
  for (const id of Object.keys(scores)) g.do(E.join(id), t++);
  for (const id of kicked) g.do(E.kick(id), t++);
  for (const [id, score] of Object.entries(scores)) g.player(id).score = score;
  return g.state;
}

describe("rankPlayers", () => {
  it.each<{ case: string; scores: Record<string, number>; ranks: Record<string, number> }>([
    { case: "distinct scores", scores: { a: 300, b: 200, c: 100 }, ranks: { a: 1, b: 2, c: 3 } },
    { case: "a tie shares a rank and skips the next (1, 2, 2, 4)", scores: { a: 900, b: 500, c: 500, d: 100 }, ranks: { a: 1, b: 2, c: 2, d: 4 } },
    { case: "a tie at the top (1, 1, 3)", scores: { a: 500, b: 500, c: 100 }, ranks: { a: 1, b: 1, c: 3 } },
    { case: "everyone tied", scores: { a: 0, b: 0, c: 0 }, ranks: { a: 1, b: 1, c: 1 } },
    { case: "order of joining does not matter", scores: { a: 100, b: 900, c: 500 }, ranks: { a: 3, b: 1, c: 2 } },
  ])("$case", ({ scores, ranks }) => {
    const s = withScores(scores);
    const sorted = rankPlayers(s);
    expect(Object.fromEntries([...s.players.values()].map((p) => [p.id, p.rank]))).toEqual(ranks);
    expect(sorted.map((p) => p.score)).toEqual([...Object.values(scores)].sort((x, y) => y - x));
  });

  it("leaves kicked players out", () => {
    const s = withScores({ a: 900, b: 500, c: 100 }, ["a"]);
    expect(rankPlayers(s).map((p) => [p.id, p.rank])).toEqual([
      ["b", 1],
      ["c", 2],
    ]);
  });
});

describe("topPlayers", () => {
  it.each([
    { n: 1, want: ["e"] },
    { n: 3, want: ["e", "b", "d"] },
    { n: 5, want: ["e", "b", "d", "a", "f"] },
    { n: 10, want: ["e", "b", "d", "a", "f", "c"] },
    { n: 0, want: [] },
  ])("returns at most the $n best, best first", ({ n, want }) => {
    const s = withScores({ a: 300, b: 800, c: 100, d: 500, e: 900, f: 200 });
    rankPlayers(s);
    expect(topPlayers(s, n).map((r) => r.playerId)).toEqual(want);
  });

  it("rows carry nickname, score, rank and the last delta; ties keep the joining order", () => {
    const s = withScores({ a: 100, b: 700, c: 700 });
    rankPlayers(s);
    s.players.get("b")!.lastPoints = 700;
    expect(topPlayers(s, 2)).toEqual([
      { playerId: "b", nickname: "b", score: 700, rank: 1, delta: 700 },
      { playerId: "c", nickname: "c", score: 700, rank: 1, delta: 0 },
    ]);
  });

  it("leaves kicked players out", () => {
    const s = withScores({ a: 900, b: 500 }, ["a"]);
    rankPlayers(s);
    expect(topPlayers(s, 5).map((r) => r.playerId)).toEqual(["b"]);
  });
});
