import { describe, expect, it } from "vitest";
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

  it("a player who disconnects without answering closes the question if everyone else answered", () => {
    const g = answering(["a", "b"]);
    g.do(E.answer("a", 0, RIGHT), OPEN + 100);
    expect(g.state.phase).toBe("answering");
    const o = g.do(E.disconnect(P("b")), OPEN + 200);
    expect(g.state.phase).toBe("reveal");
    expect(framesOf(o.sent, "reveal")).toHaveLength(1);
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
