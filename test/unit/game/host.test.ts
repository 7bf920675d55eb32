import { describe, expect, it } from "vitest";
import type { GameEvent } from "../../../worker/game/events";
import { AUTO_ADVANCE_MS, HOST_AWAY_MS } from "../../../worker/game/step";
import { answering, DEADLINE, E, Game, HOST, lobby, only, OPEN, P, RIGHT, snap, START } from "./harness";

describe("host commands from a player socket → not-host, no change", () => {
  const commands: [string, GameEvent][] = [
    ["start", E.cmd("start", P("a"))],
    ["next", E.cmd("next", P("a"))],
    ["skip", E.cmd("skip", P("a"))],
    ["pause", E.cmd("pause", P("a"))],
    ["resume", E.cmd("resume", P("a"))],
    ["end", E.cmd("end", P("a"))],
    ["kick", E.kick("b", P("a"))],
  ];
  const phases: [string, () => Game][] = [
    ["lobby", () => lobby(["a", "b"])],
    ["answering", () => answering(["a", "b"])],
    [
      "paused answering",
      () => {
        const g = answering(["a", "b"]);
        g.do(E.cmd("pause"), OPEN + 1);
        return g;
      },
    ],
  ];
  describe.each(phases)("in %s", (_phase, make) => {
    it.each(commands)("%s", (type, event) => {
      const g = make();
      const before = snap(g.state);
      const o = g.do(event, OPEN + 2);
      expect(o.rejection).toMatchObject({ code: "not-host", ref: type });
      expect(o.effects).toEqual([]);
      expect(snap(g.state)).toEqual(before);
    });
  });
});

describe("skip", () => {
  it("during preview reveals at once", () => {
    const g = lobby(["a"]);
    g.do(E.cmd("start"), START);
    const o = g.do(E.cmd("skip"), START + 10);
    expect(g.state.phase).toBe("reveal");
    expect(only(o.sent, "reveal").reveal).toMatchObject({ index: 0, answered: 0 });
  });

  it("during answering reveals at once with the answers so far", () => {
    const g = answering(["a", "b"]);
    g.do(E.answer("a", 0, RIGHT), OPEN + 100);
    g.do(E.cmd("skip"), OPEN + 200);
    expect(g.state.phase).toBe("reveal");
    expect(g.player("a").score).toBe(1000);
  });

  it.each([
    ["reveal", 1],
    ["leaderboard", 2],
  ] as const)("during %s → wrong-phase", (phase, nexts) => {
    const g = answering(["a"]);
    for (let i = 0; i < nexts; i++) g.do(E.cmd("next"), OPEN + 10 + i);
    expect(g.state.phase).toBe(phase);
    const before = snap(g.state);
    expect(g.do(E.cmd("skip"), OPEN + 100).rejection?.code).toBe("wrong-phase");
    expect(snap(g.state)).toEqual(before);
  });
});

describe("pause and resume", () => {
  it("pause freezes the clock: no deadline, the time left is kept", () => {
    const g = answering(["a", "b"]);
    const o = g.do(E.cmd("pause"), OPEN + 1_000);
    expect(g.state).toMatchObject({ paused: true, endsAt: null, remainingMs: 19_000, pausedAt: OPEN + 1_000 });
    expect(only(o.sent, "clock").clock).toEqual({ endsAt: null, paused: true, remainingMs: 19_000 });
    g.do(E.tick(), DEADLINE + 60_000);
    expect(g.state.phase).toBe("answering");
  });

  it("resume restarts the clock with the time that was left", () => {
    const g = answering(["a", "b"]);
    g.do(E.cmd("pause"), OPEN + 1_000);
    const o = g.do(E.cmd("resume"), OPEN + 11_000);
    expect(g.state).toMatchObject({ paused: false, endsAt: OPEN + 11_000 + 19_000, remainingMs: null });
    expect(only(o.sent, "clock").clock).toEqual({ endsAt: OPEN + 30_000, paused: false, remainingMs: null });
    g.do(E.tick(), DEADLINE);
    expect(g.state.phase).toBe("answering");
    g.do(E.tick(), DEADLINE + 10_000);
    expect(g.state.phase).toBe("reveal");
  });

  it("response times exclude the paused time", () => {
    const g = answering(["a", "b"]);
    g.do(E.answer("a", 0, RIGHT), OPEN + 1_000);
    g.do(E.cmd("pause"), OPEN + 1_000);
    g.do(E.cmd("resume"), OPEN + 11_000);
    g.do(E.answer("b", 0, RIGHT), OPEN + 12_000);
    expect(g.state.answers.get("a")?.ms).toBe(1_000);
    expect(g.state.answers.get("b")?.ms).toBe(2_000);
  });

  it("a paused preview keeps its time left", () => {
    const g = lobby(["a"]);
    g.do(E.cmd("start"), START);
    g.do(E.cmd("pause"), START + 1_000);
    g.do(E.tick(), OPEN + 50_000);
    expect(g.state.phase).toBe("preview");
    g.do(E.cmd("resume"), START + 60_000);
    expect(g.state.endsAt).toBe(START + 62_000);
    g.do(E.tick(), START + 62_000);
    expect(g.state).toMatchObject({ phase: "answering", openedAt: START + 62_000 });
  });

  it("pause twice → wrong-phase, no change", () => {
    const g = answering(["a"]);
    g.do(E.cmd("pause"), OPEN + 1);
    const before = snap(g.state);
    expect(g.do(E.cmd("pause"), OPEN + 2).rejection?.code).toBe("wrong-phase");
    expect(snap(g.state)).toEqual(before);
  });

  it("resume when not paused → wrong-phase", () => {
    const g = answering(["a"]);
    const before = snap(g.state);
    expect(g.do(E.cmd("resume"), OPEN + 2).rejection?.code).toBe("wrong-phase");
    expect(snap(g.state)).toEqual(before);
  });
});

describe("host away", () => {
  it("with autoAdvance off and the host gone, reveal gets a HOST_AWAY_MS deadline and advances on tick", () => {
    const g = answering(["a", "b"]);
    g.do(E.disconnect(HOST), OPEN + 10);
    g.do(E.tick(), DEADLINE);
    expect(g.state).toMatchObject({ phase: "reveal", endsAt: DEADLINE + HOST_AWAY_MS });
    g.do(E.tick(), DEADLINE + HOST_AWAY_MS - 1);
    expect(g.state.phase).toBe("reveal");
    g.do(E.tick(), DEADLINE + HOST_AWAY_MS);
    expect(g.state).toMatchObject({ phase: "leaderboard", endsAt: DEADLINE + 2 * HOST_AWAY_MS });
    g.do(E.tick(), DEADLINE + 2 * HOST_AWAY_MS);
    expect(g.state).toMatchObject({ phase: "preview", question: 1 });
  });

  it("the host leaving during reveal starts the HOST_AWAY_MS clock", () => {
    const g = answering(["a"]);
    g.do(E.cmd("skip"), OPEN + 10);
    expect(g.state.endsAt).toBeNull();
    g.do(E.disconnect(HOST), OPEN + 20);
    expect(g.state.endsAt).toBe(OPEN + 20 + HOST_AWAY_MS);
  });

  it("the host reconnecting clears the deadline: reveal waits for them again", () => {
    const g = answering(["a"]);
    g.do(E.disconnect(HOST), OPEN + 10);
    g.do(E.tick(), DEADLINE);
    expect(g.state.endsAt).not.toBeNull();
    g.do(E.connect(HOST), DEADLINE + 1_000);
    expect(g.state).toMatchObject({ phase: "reveal", endsAt: null });
    g.do(E.tick(), DEADLINE + 10 * HOST_AWAY_MS);
    expect(g.state.phase).toBe("reveal");
  });

  it("autoAdvance advances reveal and leaderboard after AUTO_ADVANCE_MS even with the host there", () => {
    const g = answering(["a"], { settings: { autoAdvance: true } });
    g.do(E.answer("a", 0, RIGHT), OPEN + 100);
    expect(g.state).toMatchObject({ phase: "reveal", endsAt: OPEN + 100 + AUTO_ADVANCE_MS });
    g.do(E.connect(HOST), OPEN + 200);
    expect(g.state.endsAt).toBe(OPEN + 100 + AUTO_ADVANCE_MS);
    g.do(E.tick(), OPEN + 100 + AUTO_ADVANCE_MS);
    expect(g.state).toMatchObject({ phase: "leaderboard", endsAt: OPEN + 100 + 2 * AUTO_ADVANCE_MS });
    g.do(E.tick(), OPEN + 100 + 2 * AUTO_ADVANCE_MS);
    expect(g.state).toMatchObject({ phase: "preview", question: 1 });
  });
});
