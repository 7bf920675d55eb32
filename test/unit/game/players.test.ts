import { describe, expect, it } from "vitest";
import { answering, DEADLINE, E, Game, HOST, lobby, only, OPEN, P, question, RIGHT, snap, START, T0, WRONG } from "./harness";

describe("kick", () => {
  it("removes the player from the counts, closes their socket with 4003 and tells the host", () => {
    const g = answering(["a", "b", "c"]);
    const o = g.do(E.kick("c"), OPEN + 10);
    expect(g.state).toMatchObject({ activeCount: 2, connectedCount: 2, pendingCount: 2 });
    expect(g.player("c").kicked).toBe(true);
    expect(o.effects).toContainEqual({ kind: "close", playerId: "c", code: 4003, reason: "kicked" });
    expect(o.sent.filter((s) => s.frame.type === "kicked")).toEqual([
      { to: "host", frame: expect.objectContaining({ playerId: "c", playerCount: 2 }) },
    ]);
  });

  it("removes the kicked player's answer from the distribution and the ranks", () => {
    const g = answering(["a", "b", "c"]);
    g.do(E.answer("c", 0, 3), OPEN + 10);
    g.do(E.answer("a", 0, RIGHT), OPEN + 20);
    g.do(E.kick("c"), OPEN + 30);
    const o = g.do(E.answer("b", 0, WRONG), OPEN + 40);
    expect(only(o.sent, "reveal").reveal).toMatchObject({ counts: [1, 1, 0, 0], answered: 2, total: 2 });
    expect(o.sent.some((s) => typeof s.to === "object" && s.to.playerId === "c")).toBe(false);
    const lb = only(g.do(E.cmd("next"), OPEN + 50).sent, "leaderboard");
    expect(lb.top.map((r) => [r.playerId, r.rank])).toEqual([
      ["a", 1],
      ["b", 2],
    ]);
  });

  it("kicking the last player who had not answered closes the question", () => {
    const g = answering(["a", "b"]);
    g.do(E.answer("a", 0, RIGHT), OPEN + 10);
    g.do(E.kick("b"), OPEN + 20);
    expect(g.state.phase).toBe("reveal");
  });

  it("kicking an unknown or already kicked player → unknown-player, no change", () => {
    const g = answering(["a", "b"]);
    g.do(E.kick("b"), OPEN + 1);
    const before = snap(g.state);
    expect(g.do(E.kick("nobody"), OPEN + 2).rejection?.code).toBe("unknown-player");
    expect(g.do(E.kick("b"), OPEN + 3).rejection?.code).toBe("unknown-player");
    expect(snap(g.state)).toEqual(before);
  });

  it("a kicked player's connect is refused with kicked, no change", () => {
    const g = lobby(["a", "b"]);
    g.do(E.kick("b"), T0 + 1);
    g.do(E.disconnect(P("b")), T0 + 2); // the shell closed the socket
    const before = snap(g.state);
    const o = g.do(E.connect(P("b")), T0 + 3);
    expect(o.rejection?.code).toBe("kicked");
    expect(o.effects).toEqual([]);
    expect(snap(g.state)).toEqual(before);
  });

  it("the socket of a kicked player closing does not change the counts again", () => {
    const g = lobby(["a", "b"]);
    g.do(E.kick("b"), T0 + 1);
    g.do(E.disconnect(P("b")), T0 + 2);
    expect(g.state).toMatchObject({ activeCount: 1, connectedCount: 1 });
  });

  // After a kick during reveal, the remaining players keep their old ranks (rankPlayers only
  // runs at reveal), so the leaderboard that follows starts at rank 2.
  it("kicking the leader during reveal: the leaderboard that follows ranks the others from 1", () => {
    const g = answering(["a", "b", "c"]);
    g.do(E.answer("a", 0, RIGHT), OPEN + 100);
    g.do(E.answer("b", 0, RIGHT), OPEN + 5_000);
    g.do(E.answer("c", 0, WRONG), OPEN + 6_000);
    expect(g.state.phase).toBe("reveal");
    g.do(E.kick("a"), OPEN + 7_000);
    const lb = only(g.do(E.cmd("next"), OPEN + 8_000).sent, "leaderboard");
    expect(lb.top.map((r) => [r.playerId, r.rank])).toEqual([
      ["b", 1],
      ["c", 2],
    ]);
  });
});

describe("joining", () => {
  it("joins in the lobby: the host sees the new player", () => {
    const g = lobby([]);
    const o = g.do(E.join("a", "Ana"), T0 + 1);
    expect(o.rejection).toBeUndefined();
    expect(o.effects).toContainEqual({ kind: "save-player", playerId: "a" });
    expect(o.sent).toEqual([
      { to: "host", frame: expect.objectContaining({ type: "joined", player: { id: "a", nickname: "Ana", score: 0, connected: false }, playerCount: 1 }) },
    ]);
  });

  it.each([
    ["Ana", "ANA"],
    ["Ana", "ana"],
    ["bob", "Bob"],
    ["Ünal", "üNAL"],
  ])("%s then %s → nickname-taken, no change", (first, second) => {
    const g = lobby([]);
    g.do(E.join("p1", first), T0 + 1);
    const before = snap(g.state);
    const o = g.do(E.join("p2", second), T0 + 2);
    expect(o.rejection?.code).toBe("nickname-taken");
    expect(o.effects).toEqual([]);
    expect(snap(g.state)).toEqual(before);
  });

  it("a kicked player's nickname stays taken", () => {
    const g = lobby([]);
    g.do(E.join("p1", "Ana"), T0 + 1);
    g.do(E.kick("p1"), T0 + 2);
    expect(g.do(E.join("p2", "ana"), T0 + 3).rejection?.code).toBe("nickname-taken");
  });

  it("maxPlayers → game-full; a kicked player frees a place", () => {
    const g = lobby(["a", "b"], { settings: { maxPlayers: 2 } });
    const before = snap(g.state);
    expect(g.do(E.join("c"), T0 + 1).rejection?.code).toBe("game-full");
    expect(snap(g.state)).toEqual(before);
    g.do(E.kick("b"), T0 + 2);
    expect(g.do(E.join("c"), T0 + 3).rejection).toBeUndefined();
  });

  it.each([
    ["podium", (g: Game): void => {
      g.do(E.cmd("start"), START);
      for (let i = 0; i < 4; i++) g.do(E.cmd("next"), START + 1 + i);
    }],
    ["ended", (g: Game): void => void g.do(E.cmd("end"), START)],
  ] as const)("join on the %s → game-ended", (phase, setup) => {
    const g = lobby(["a"], { questions: [question()] });
    setup(g);
    expect(g.state.phase).toBe(phase);
    const before = snap(g.state);
    expect(g.do(E.join("z"), START + 100).rejection?.code).toBe("game-ended");
    expect(snap(g.state)).toEqual(before);
  });

  it("a late joiner starts at 0 points and is ranked at the next reveal", () => {
    const g = answering(["a", "b"]);
    g.do(E.answer("a", 0, RIGHT), OPEN + 10);
    g.do(E.answer("b", 0, WRONG), OPEN + 20);
    g.do(E.join("late"), OPEN + 30);
    g.do(E.connect(P("late")), OPEN + 30);
    expect(g.player("late")).toMatchObject({ score: 0, streak: 0, rank: 0 });
    g.do(E.cmd("next"), OPEN + 40); // leaderboard
    g.do(E.cmd("next"), OPEN + 50); // preview of question 1
    g.do(E.tick(), OPEN + 3_050);
    g.do(E.answer("late", 1, RIGHT), OPEN + 3_100);
    g.do(E.answer("a", 1, WRONG), OPEN + 3_200);
    g.do(E.answer("b", 1, WRONG), OPEN + 3_300);
    expect(g.state.phase).toBe("reveal");
    expect([g.player("a").rank, g.player("late").rank, g.player("b").rank]).toEqual([1, 1, 3]);
    expect(g.player("late").score).toBe(1000);
  });

  // podium() does not re-rank, so a player who joined after the last reveal gets rank 0.
  it("a player who joins during the last leaderboard gets a real rank in the final frame", () => {
    const g = lobby(["a", "b"], { questions: [question()] });
    g.do(E.cmd("start"), START);
    g.do(E.tick(), OPEN);
    g.do(E.answer("a", 0, RIGHT), OPEN + 10);
    g.do(E.answer("b", 0, WRONG), OPEN + 20);
    g.do(E.cmd("next"), OPEN + 30);
    g.do(E.join("late"), OPEN + 40);
    g.do(E.connect(P("late")), OPEN + 40);
    const o = g.do(E.cmd("next"), OPEN + 50);
    expect(g.state.phase).toBe("podium");
    const finals = o.sent.filter((s) => s.frame.type === "final").map((s) => s.frame);
    expect(finals).toHaveLength(3);
    const lateFinal = o.sent.find((s) => typeof s.to === "object" && s.to.playerId === "late")?.frame;
    expect(lateFinal).toMatchObject({ type: "final", score: 0, rank: 2, total: 3 });
  });

  it("a join with a player id already in the game is refused", () => {
    const g = lobby(["a"]);
    expect(g.do(E.join("a", "Other"), T0 + 1).rejection?.code).toBe("bad-request");
  });
});

describe("connections", () => {
  it("a connecting player gets a snapshot and the host a presence frame", () => {
    const g = lobby([]);
    g.do(E.join("a"), T0);
    const o = g.do(E.connect(P("a")), T0 + 1);
    expect(o.sent.map((s) => [s.to, s.frame.type])).toEqual([
      ["host", "presence"],
      [{ playerId: "a" }, "snapshot"],
    ]);
    expect(only(o.sent, "snapshot")).toMatchObject({ role: "player", phase: "lobby", you: { id: "a", score: 0 } });
  });

  it("an unknown player's connect → unknown-player", () => {
    const g = lobby([]);
    expect(g.do(E.connect(P("ghost")), T0).rejection?.code).toBe("unknown-player");
  });

  it("a reconnect after a refresh restores the answer id for the current question", () => {
    const g = answering(["a", "b"]);
    g.do(E.answer("a", 0, RIGHT, "tap-1"), OPEN + 10);
    g.do(E.disconnect(P("a")), OPEN + 20);
    const o = g.do(E.connect(P("a")), OPEN + 30);
    expect(only(o.sent, "snapshot")).toMatchObject({ phase: "answering", you: { answerId: "tap-1", result: null } });
    expect(g.do(E.answer("a", 0, RIGHT, "tap-1"), OPEN + 40).rejection).toBeUndefined();
  });

  it("the host's snapshot lists the active players", () => {
    const g = lobby(["a", "b"]);
    g.do(E.kick("b"), T0 + 1);
    const o = g.do(E.connect(HOST), T0 + 2);
    expect(only(o.sent, "snapshot")).toMatchObject({ role: "host", players: [{ id: "a" }], playerCount: 1 });
  });

  it("a second connect of an already connected player does not double count", () => {
    const g = answering(["a", "b"]);
    g.do(E.connect(P("a")), OPEN + 10);
    expect(g.state).toMatchObject({ connectedCount: 2, pendingCount: 2 });
  });

  it("after the deadline the question closes before a disconnect is handled", () => {
    const g = answering(["a", "b"]);
    g.do(E.disconnect(P("a")), DEADLINE + 1);
    expect(g.state.phase).toBe("reveal");
  });
});
