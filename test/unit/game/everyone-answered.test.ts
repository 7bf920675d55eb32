import { describe, expect, it } from "vitest";
import { DROP_GRACE_MS, nextDeadline, RESTART_GRACE_MS } from "../../../worker/game/step";
import { answering, DEADLINE, E, framesOf, lobby, OPEN, P, RIGHT, START, WRONG } from "./harness";

describe("the question closes early when everyone connected has answered", () => {
  it("the last connected player's answer reveals at once", () => {
    const g = answering(["a", "b", "c"]);
    g.do(E.answer("a", 0, RIGHT), OPEN + 100);
    g.do(E.answer("b", 0, WRONG), OPEN + 200);
    expect(g.state.phase).toBe("answering");
    const o = g.do(E.answer("c", 0, RIGHT), OPEN + 300);
    expect(g.state.phase).toBe("reveal");
    expect(framesOf(o.sent, "reveal")[0]?.reveal).toMatchObject({ counts: [1, 2, 0, 0], answered: 3, total: 3 });
  });

  it("a player who joined but never connected does not hold the question open", () => {
    const g = answering(["a"]);
    g.do(E.join("ghost"), OPEN);
    g.do(E.answer("a", 0, RIGHT), OPEN + 100);
    expect(g.state.phase).toBe("reveal");
  });

  it("a player disconnected before the question opened does not hold it open", () => {
    const g = lobby(["a", "b"]);
    g.do(E.disconnect(P("b")), START - 1);
    g.do(E.cmd("start"), START);
    g.do(E.tick(), OPEN);
    expect(g.state.pendingCount).toBe(1);
    g.do(E.answer("a", 0, RIGHT), OPEN + 100);
    expect(g.state.phase).toBe("reveal");
  });

  it("a player who disconnects without answering closes the question a few seconds later if everyone else answered", () => {
    const g = answering(["a", "b"]);
    g.do(E.answer("a", 0, RIGHT), OPEN + 100);
    expect(g.state.phase).toBe("answering");
    g.do(E.disconnect(P("b")), OPEN + 200);
    expect(g.state).toMatchObject({ phase: "answering", graceUntil: OPEN + 200 + DROP_GRACE_MS });
    expect(nextDeadline(g.state)).toBe(OPEN + 200 + DROP_GRACE_MS);
    g.do(E.tick(), OPEN + 200 + DROP_GRACE_MS - 1);
    expect(g.state.phase).toBe("answering");
    const o = g.do(E.tick(), OPEN + 200 + DROP_GRACE_MS);
    expect(g.state.phase).toBe("reveal");
    expect(framesOf(o.sent, "reveal")).toHaveLength(1);
  });

  it("a phone that reloads mid-question is back within the grace and its answer counts", () => {
    const g = answering(["a", "b", "c"]);
    g.do(E.answer("a", 0, RIGHT), OPEN + 100);
    g.do(E.answer("b", 0, WRONG), OPEN + 200);
    g.do(E.disconnect(P("c")), OPEN + 300);
    expect(g.state.phase).toBe("answering");
    g.do(E.connect(P("c")), OPEN + 1_500);
    expect(g.state.phase).toBe("answering");
    g.do(E.answer("c", 0, RIGHT), OPEN + 2_000);
    expect(g.state.phase).toBe("reveal");
    expect(g.player("c").score).toBeGreaterThan(0);
  });

  it("the drop grace never runs past the deadline, and a player who had answered gets none", () => {
    const g = answering(["a", "b"]);
    g.do(E.answer("a", 0, RIGHT), OPEN + 100);
    g.do(E.disconnect(P("a")), OPEN + 150);
    expect(g.state.graceUntil).toBeNull();
    g.do(E.disconnect(P("b")), DEADLINE - 1_000);
    expect(g.state.graceUntil).toBe(DEADLINE);
    g.do(E.tick(), DEADLINE);
    expect(g.state.phase).toBe("reveal");
  });

  it("a player who answered and then disconnected still counts in the reveal", () => {
    const g = answering(["a", "b"]);
    g.do(E.answer("a", 0, RIGHT), OPEN + 100);
    g.do(E.disconnect(P("a")), OPEN + 150);
    expect(g.state.phase).toBe("answering"); // b is connected and has not answered
    g.do(E.answer("b", 0, RIGHT), OPEN + 200);
    expect(g.state.phase).toBe("reveal");
    expect(g.player("a").score).toBe(1000);
  });

  it("a player reconnecting mid-question must answer before an early close", () => {
    const g = answering(["a", "b"]);
    g.do(E.disconnect(P("b")), OPEN + 50);
    g.do(E.connect(P("b")), OPEN + 60);
    g.do(E.answer("a", 0, RIGHT), OPEN + 100);
    expect(g.state.phase).toBe("answering");
    g.do(E.answer("b", 0, RIGHT), OPEN + 200);
    expect(g.state.phase).toBe("reveal");
  });

  it("a player who joins mid-question and connects must answer too", () => {
    const g = answering(["a"]);
    g.do(E.join("late"), OPEN + 10);
    g.do(E.connect(P("late")), OPEN + 20);
    g.do(E.answer("a", 0, RIGHT), OPEN + 100);
    expect(g.state.phase).toBe("answering");
    g.do(E.answer("late", 0, WRONG), OPEN + 200);
    expect(g.state.phase).toBe("reveal");
  });

  it("with zero connected players the question waits for the deadline", () => {
    const g = answering(["a", "b"]);
    g.do(E.disconnect(P("a")), OPEN + 10);
    g.do(E.disconnect(P("b")), OPEN + 20);
    expect(g.state).toMatchObject({ phase: "answering", connectedCount: 0 });
    g.do(E.tick(), DEADLINE - 1);
    expect(g.state.phase).toBe("answering");
    g.do(E.tick(), DEADLINE);
    expect(g.state.phase).toBe("reveal");
  });

  it("with zero connected players from the start the question waits for the deadline", () => {
    const g = lobby([]);
    g.do(E.join("a"), START - 1);
    g.do(E.cmd("start"), START);
    g.do(E.tick(), OPEN);
    expect(g.state).toMatchObject({ phase: "answering", connectedCount: 0, pendingCount: 0 });
    g.do(E.tick(), OPEN + 1);
    expect(g.state.phase).toBe("answering");
  });

  it("the early close is held while paused and happens on resume", () => {
    const g = answering(["a", "b"]);
    g.do(E.answer("a", 0, RIGHT), OPEN + 100);
    g.do(E.cmd("pause"), OPEN + 200);
    g.do(E.disconnect(P("b")), OPEN + 300);
    expect(g.state.phase).toBe("answering");
    g.do(E.cmd("resume"), OPEN + 400);
    expect(g.state.phase).toBe("reveal");
  });
});

describe("after a restart mid-question", () => {
  it("the first players back do not close the question for those still reconnecting", () => {
    const g = answering(["a", "b", "c"]);
    g.do(E.answer("a", 0, RIGHT), OPEN + 100);
    // The room restarts: every socket is gone at once, and the rebuilt room says so.
    for (const p of ["a", "b", "c"]) g.state.players.get(p)!.connected = false;
    g.state.connectedCount = 0;
    g.state.pendingCount = 0;
    g.do(E.restored(), OPEN + 1000);
    expect(g.state.graceUntil).toBe(OPEN + 1000 + RESTART_GRACE_MS);
    g.do(E.connect(P("a")), OPEN + 1500);
    g.do(E.connect(P("b")), OPEN + 1600);
    g.do(E.answer("b", 0, WRONG), OPEN + 1700);
    expect(g.state.phase).toBe("answering"); // c is still on its way
    g.do(E.tick(), OPEN + 1000 + RESTART_GRACE_MS);
    expect(g.state.phase).toBe("reveal"); // c did not make it in time: the usual rule applies
    expect(g.state.graceUntil).toBeNull();
  });

  it("closes at once when everyone is back and answered, and never past the deadline", () => {
    const g = answering(["a", "b"]);
    for (const p of ["a", "b"]) g.state.players.get(p)!.connected = false;
    g.state.connectedCount = 0;
    g.state.pendingCount = 0;
    g.do(E.restored(), DEADLINE - 2000);
    expect(g.state.graceUntil).toBe(DEADLINE);
    g.do(E.connect(P("a")), DEADLINE - 1900);
    g.do(E.connect(P("b")), DEADLINE - 1800);
    g.do(E.answer("a", 0, RIGHT), DEADLINE - 1700);
    g.do(E.answer("b", 0, RIGHT), DEADLINE - 1600);
    expect(g.state.phase).toBe("reveal");
  });

  it("is only for rooms that lost every socket mid-question", () => {
    const g = answering(["a"]);
    g.do(E.restored(), OPEN + 100);
    expect(g.state.graceUntil).toBeNull();
  });
});
