import { describe, expect, it } from "vitest";
import type { ServerFrame, ServerFrameOf } from "../../../worker/protocol";
import { applyFrame, remainingMs, type ClientGame } from "../../../web/src/state/game-state";

const clock = { endsAt: null, paused: false, remainingMs: null };
const question = (index: number) => ({ index, count: 3, type: "quiz" as const, text: `Q${index}`, choices: ["a", "b"], timeLimitMs: 20_000, points: 1000 });

function snapshot(over: Partial<ServerFrameOf<"snapshot">> = {}): ServerFrameOf<"snapshot"> {
  return {
    v: 1, seq: 10, type: "snapshot", now: 1_000_000, role: "player", pin: "123456", title: "T", phase: "answering",
    questionCount: 3, clock: { ...clock, endsAt: 1_020_000 }, question: question(0), reveal: null, leaderboard: null, playerCount: 2,
    you: { id: "p1", nickname: "Ana", score: 0, streak: 0, answerId: null, result: null },
    ...over,
  };
}

const apply = (g: ClientGame | null, ...frames: ServerFrame[]) => frames.reduce<ClientGame | null>((s, f) => applyFrame(s, f, 990_000), g);
const result = (index: number, points: number) =>
  ({ v: 1, seq: 12, type: "result", result: { index, answered: true, correct: points > 0, points, streak: 1, score: points, rank: 1 } }) as const;

describe("the client's game state", () => {
  it("takes everything from a snapshot and learns the server clock's offset", () => {
    const g = apply(null, snapshot())!;
    expect(g).toMatchObject({ phase: "answering", seq: 10, clockOffset: 10_000, question: { index: 0 } });
    // Local 995,000 is server 1,005,000: 15 s before the 1,020,000 deadline.
    expect(remainingMs(g, 995_000)).toBe(15_000);
    expect(remainingMs(g, 1_020_000)).toBe(0);
  });

  it("drops frames older than the last snapshot", () => {
    const g = apply(null, snapshot({ phase: "reveal" }), { v: 1, seq: 9, type: "open", question: 0, clock });
    expect(g!.phase).toBe("reveal");
  });

  it("clears the answer and result when a new question arrives", () => {
    let g = apply(null, snapshot(), { v: 1, seq: 10, type: "ack", question: 0, answerId: "x" }, result(0, 900));
    expect(g!.you).toMatchObject({ answerId: "x", score: 900 });
    g = apply(g, { v: 1, seq: 13, type: "question", question: question(1), clock });
    expect(g!.you).toMatchObject({ answerId: null, result: null, choice: null, score: 900 });
    expect(g!.phase).toBe("preview");
  });

  it("ignores acks, results, progress and opens for a question that has moved on", () => {
    const g = apply(null, snapshot({ question: question(1) }));
    const after = apply(
      g,
      { v: 1, seq: 11, type: "ack", question: 0, answerId: "old" },
      result(0, 500),
      { v: 1, seq: 11, type: "progress", question: 0, answered: 5, total: 5 },
      { v: 1, seq: 11, type: "open", question: 0, clock },
    );
    expect(after).toEqual(g);
  });

  it("swallows late and wrong-question errors after the question closed, but shows others", () => {
    const revealed = apply(null, snapshot({ phase: "reveal" }));
    expect(apply(revealed, { v: 1, seq: 11, type: "error", code: "late", message: "Time is up" })!.error).toBeNull();
    expect(apply(revealed, { v: 1, seq: 11, type: "error", code: "kicked", message: "bye" })!.error).toMatchObject({ code: "kicked" });
  });

  it("freezes the countdown while paused", () => {
    const g = apply(null, snapshot({ clock: { endsAt: null, paused: true, remainingMs: 7_000 } }))!;
    expect(remainingMs(g, 0)).toBe(7_000);
    expect(remainingMs(g, 99_999_999)).toBe(7_000);
  });

  it("keeps the host's player list in step with joins, presence and kicks", () => {
    let g = apply(null, snapshot({ role: "host", you: undefined, players: [], phase: "lobby", question: null }));
    g = apply(
      g,
      { v: 1, seq: 11, type: "joined", player: { id: "a", nickname: "A", score: 0, connected: false }, playerCount: 1 },
      { v: 1, seq: 12, type: "presence", playerId: "a", connected: true },
      { v: 1, seq: 13, type: "joined", player: { id: "b", nickname: "B", score: 0, connected: true }, playerCount: 2 },
      { v: 1, seq: 14, type: "kicked", playerId: "b", playerCount: 1 },
    );
    expect(g!.players).toEqual([{ id: "a", nickname: "A", score: 0, connected: true }]);
    expect(g!.playerCount).toBe(1);
  });
});
