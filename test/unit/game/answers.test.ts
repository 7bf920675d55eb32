import { describe, expect, it } from "vitest";
import type { GameEvent } from "../../../worker/game/events";
import {
  answering,
  DEADLINE,
  E,
  Game,
  HOST,
  kinds,
  lobby,
  only,
  OPEN,
  P,
  RIGHT,
  snap,
  START,
  WRONG,
} from "./harness";

describe("accepted answers", () => {
  it("are stored, acknowledged to the sender and counted for the host", () => {
    const g = answering(["a", "b"]);
    const o = g.do(E.answer("a", 0, RIGHT, "ans-1"), OPEN + 1_234);
    expect(o.rejection).toBeUndefined();
    expect(g.state.answers.get("a")).toMatchObject({ question: 0, choice: RIGHT, answerId: "ans-1", correct: true });
    expect(o.sent.filter((s) => s.frame.type === "ack")).toEqual([
      { to: { playerId: "a" }, frame: expect.objectContaining({ question: 0, answerId: "ans-1" }) },
    ]);
    expect(o.effects).toContainEqual({ kind: "save-answer", playerId: "a" });
    expect(o.effects).toContainEqual({ kind: "progress", question: 0, answered: 1, total: 2 });
    expect(g.state.pendingCount).toBe(1);
  });

  it("have their response time measured by the server from openedAt", () => {
    const g = answering(["a", "b"]);
    g.do(E.answer("a", 0, WRONG), OPEN + 1_234);
    expect(g.state.answers.get("a")?.ms).toBe(1_234);
  });

  it("a resend with the same answerId is acked again and changes nothing", () => {
    const g = answering(["a", "b"]);
    g.do(E.answer("a", 0, RIGHT, "same"), OPEN + 1_000);
    const before = snap(g.state);
    // Even with another choice: the first answer stands.
    const o = g.do(E.answer("a", 0, WRONG, "same"), OPEN + 5_000);
    expect(o.rejection).toBeUndefined();
    expect(kinds(o.effects)).toEqual(["send"]);
    expect(only(o.sent, "ack")).toMatchObject({ question: 0, answerId: "same" });
    expect(snap(g.state)).toEqual(before);
  });

  it("a resend after the reveal is still acked (lost ack) and changes nothing", () => {
    const g = answering(["a"]);
    g.do(E.answer("a", 0, RIGHT, "same"), OPEN + 1_000);
    expect(g.state.phase).toBe("reveal");
    const before = snap(g.state);
    const o = g.do(E.answer("a", 0, RIGHT, "same"), OPEN + 2_000);
    expect(o.rejection).toBeUndefined();
    expect(only(o.sent, "ack").answerId).toBe("same");
    expect(snap(g.state)).toEqual(before);
  });
});

describe("refused answers leave the state untouched", () => {
  type Case = { case: string; code: string; setup: (g: Game) => void; event: GameEvent; at: number };
  const inAnswering = (g: Game) => {
    g.do(E.cmd("start"), START);
    g.do(E.tick(), OPEN);
  };
  const cases: Case[] = [
    {
      case: "a different answerId for an answered question",
      code: "already-answered",
      setup: (g) => {
        inAnswering(g);
        g.do(E.answer("a", 0, RIGHT, "first"), OPEN + 100);
      },
      event: E.answer("a", 0, WRONG, "second"),
      at: OPEN + 200,
    },
    {
      case: "an answer to another question index",
      code: "wrong-question",
      setup: inAnswering,
      event: E.answer("a", 1, RIGHT),
      at: OPEN + 100,
    },
    {
      case: "an answer in the lobby",
      code: "wrong-phase",
      setup: () => {},
      event: E.answer("a", 0, RIGHT),
      at: START,
    },
    {
      case: "an answer during preview",
      code: "wrong-phase",
      setup: (g) => void g.do(E.cmd("start"), START),
      event: E.answer("a", 0, RIGHT),
      at: OPEN - 1,
    },
    {
      case: "an answer after the deadline tick",
      code: "late",
      setup: (g) => {
        inAnswering(g);
        g.do(E.tick(), DEADLINE);
      },
      event: E.answer("a", 0, RIGHT),
      at: DEADLINE + 1,
    },
    {
      case: "an answer during the leaderboard",
      code: "late",
      setup: (g) => {
        inAnswering(g);
        g.do(E.cmd("skip"), OPEN + 10);
        g.do(E.cmd("next"), OPEN + 20);
      },
      event: E.answer("a", 0, RIGHT),
      at: OPEN + 30,
    },
    {
      case: "a choice out of range",
      code: "bad-choice",
      setup: inAnswering,
      event: E.answer("a", 0, 4),
      at: OPEN + 100,
    },
    {
      case: "an answer from the host",
      code: "not-player",
      setup: inAnswering,
      event: E.answer(HOST, 0, RIGHT),
      at: OPEN + 100,
    },
    {
      case: "an answer from a kicked player",
      code: "kicked",
      setup: (g) => {
        inAnswering(g);
        g.do(E.kick("c"), OPEN + 50);
      },
      event: E.answer("c", 0, RIGHT),
      at: OPEN + 100,
    },
    {
      case: "an answer from an unknown player",
      code: "unknown-player",
      setup: inAnswering,
      event: E.answer("nobody", 0, RIGHT),
      at: OPEN + 100,
    },
    {
      case: "an answer while paused",
      code: "paused",
      setup: (g) => {
        inAnswering(g);
        g.do(E.cmd("pause"), OPEN + 50);
      },
      event: E.answer("a", 0, RIGHT),
      at: OPEN + 100,
    },
    {
      case: "an answer on the podium",
      code: "game-ended",
      setup: (g) => {
        g.do(E.cmd("start"), START);
        for (let i = 0; i < 12; i++) g.do(E.cmd("next"), START + 10 + i);
        expect(g.state.phase).toBe("podium");
      },
      event: E.answer("a", 2, RIGHT),
      at: START + 100,
    },
  ];

  it.each(cases)("$case → $code", ({ code, setup, event, at }) => {
    const g = lobby(["a", "b", "c"]);
    setup(g);
    const before = snap(g.state);
    const o = g.do(event, at);
    expect(o.rejection?.code).toBe(code);
    expect(o.effects).toEqual([]);
    expect(snap(g.state)).toEqual(before);
  });

  it("the rejection names the answerId it refuses", () => {
    const g = answering(["a", "b"]);
    expect(g.do(E.answer("a", 0, 9, "my-id"), OPEN + 1).rejection).toMatchObject({ code: "bad-choice", ref: "my-id" });
  });
});

describe("late answers", () => {
  it("after the deadline without a tick → late, and the question is revealed first", () => {
    const g = answering(["a", "b"]);
    const o = g.do(E.answer("a", 0, RIGHT), DEADLINE + 1);
    expect(o.rejection?.code).toBe("late");
    expect(g.state.answers.size).toBe(0);
    expect(g.state.phase).toBe("reveal");
    expect(g.player("a").score).toBe(0);
  });

  it("the result of a late answer without a tick equals the result with a tick first", () => {
    const withTick = answering(["a", "b"]);
    withTick.do(E.tick(), DEADLINE);
    const late1 = withTick.do(E.answer("a", 0, RIGHT), DEADLINE + 1);
    const noTick = answering(["a", "b"]);
    const late2 = noTick.do(E.answer("a", 0, RIGHT), DEADLINE + 1);
    expect(late2.rejection).toEqual(late1.rejection);
    expect(snap(noTick.state)).toEqual(snap(withTick.state));
  });

  it("the last millisecond before the deadline is in time", () => {
    const g = answering(["a", "b"]);
    expect(g.do(E.answer("a", 0, RIGHT), DEADLINE - 1).rejection).toBeUndefined();
  });

  // Boundary: the brief (and step.ts:304) say an answer is late when now > endsAt, but
  // advanceIfDue (step.ts:61) reveals the question when now >= endsAt, so an answer at exactly
  // endsAt is refused as late.
  it("the deadline is exclusive: an answer 1 ms before endsAt counts, one at endsAt is late", () => {
    const g = answering(["a", "b"]);
    expect(g.state.endsAt).toBe(DEADLINE);
    const o = g.do(E.answer("a", 0, RIGHT), DEADLINE - 1);
    expect(o.rejection).toBeUndefined();
    expect(g.state.answers.get("a")?.ms).toBe(DEADLINE - 1 - OPEN);
    expect(g.do(E.answer("b", 0, RIGHT), DEADLINE).rejection?.code).toBe("late");
  });
});
