import { describe, expect, it } from "vitest";
import { recount } from "../../../worker/game/state";
import type { ServerFrame } from "../../../worker/protocol";
import {
  answering,
  DEADLINE,
  E,
  framesOf,
  Game,
  HOST,
  kinds,
  LIMIT,
  lobby,
  only,
  OPEN,
  P,
  pathsOfKey,
  question,
  RIGHT,
  seenByPlayers,
  snap,
  START,
  T0,
  WRONG,
} from "./harness";

describe("a whole game, phase by phase", () => {
  // Two questions; a and b connected, c joined but never connects.
  const g = lobby(["a", "b"], { questions: [question(), question({ points: 2000, correct: [2] })] });
  g.do(E.join("c"), T0);

  /** Everything players could read before the reveal of question 0. */
  const beforeReveal: ServerFrame[] = [];
  const collect = (o: ReturnType<Game["do"]>) => {
    beforeReveal.push(...seenByPlayers(o.sent));
    return o;
  };
  for (const o of g.log) collect(o);

  it("starts in the lobby with no question", () => {
    expect(g.state).toMatchObject({ phase: "lobby", question: -1, startedAt: null, endsAt: null });
  });

  it("start → preview: sends the question to everyone with the preview deadline", () => {
    const o = collect(g.do(E.cmd("start"), START));
    expect(g.state).toMatchObject({ phase: "preview", question: 0, startedAt: START, endsAt: START + 3_000 });
    const q = only(o.sent, "question");
    expect(o.sent.find((s) => s.frame.type === "question")?.to).toBe("all");
    expect(q.question).toEqual({ index: 0, count: 2, type: "quiz", text: "Which one?", choices: ["a", "b", "c", "d"], timeLimitMs: LIMIT, points: 1000 });
    expect(q.clock.endsAt).toBe(START + 3_000);
  });

  it("a tick before the preview deadline does nothing", () => {
    const before = snap(g.state);
    const o = g.do(E.tick(), OPEN - 1);
    expect(o.effects).toEqual([]);
    expect(snap(g.state)).toEqual(before);
  });

  it("players can sync and reconnect during preview (their frames are checked below)", () => {
    collect(g.do(E.sync(P("a")), OPEN - 1));
    collect(g.do(E.disconnect(P("b")), OPEN - 1));
    collect(g.do(E.connect(P("b")), OPEN - 1));
    expect(g.state.phase).toBe("preview");
  });

  it("tick at the preview deadline → answering: open frame with endsAt = openedAt + limit", () => {
    const o = collect(g.do(E.tick(), OPEN));
    expect(g.state).toMatchObject({ phase: "answering", openedAt: OPEN, endsAt: OPEN + LIMIT });
    const open = only(o.sent, "open");
    expect(open).toMatchObject({ question: 0, clock: { endsAt: OPEN + LIMIT, paused: false } });
  });

  it("a second tick at the same time changes nothing", () => {
    const before = snap(g.state);
    expect(g.do(E.tick(), OPEN).effects).toEqual([]);
    expect(snap(g.state)).toEqual(before);
  });

  it("players and the host can answer and sync during answering (frames checked below)", () => {
    collect(g.do(E.answer("a", 0, RIGHT), OPEN + 100));
    collect(g.do(E.sync(P("a")), OPEN + 200));
    collect(g.do(E.sync(P("b")), OPEN + 200));
    collect(g.do(E.sync(HOST), OPEN + 200));
    expect(g.state.phase).toBe("answering"); // b has not answered
  });

  it("nothing sent to players before the reveal contains a `correct` field", () => {
    expect(beforeReveal.length).toBeGreaterThan(5);
    expect(beforeReveal.flatMap((f) => pathsOfKey(f, "correct"))).toEqual([]);
  });

  it("deadline tick → reveal: correct choices and counts to everyone, a result per player", () => {
    const o = g.do(E.tick(), DEADLINE);
    expect(g.state.phase).toBe("reveal");
    const r = only(o.sent, "reveal");
    expect(o.sent.find((s) => s.frame.type === "reveal")?.to).toBe("all");
    expect(r.reveal).toEqual({ index: 0, type: "quiz", correct: [RIGHT], counts: [0, 1, 0, 0], answered: 1, total: 3, correctCount: 1 });
    expect(kinds(o.effects)).toContain("save-scores");
    const results = o.sent.filter((s) => s.frame.type === "result");
    expect(results.map((s) => [s.to, s.frame.type === "result" && s.frame.result])).toEqual([
      [{ playerId: "a" }, { index: 0, answered: true, correct: true, points: 1000, streak: 1, score: 1000, rank: 1 }],
      [{ playerId: "b" }, { index: 0, answered: false, correct: false, points: 0, streak: 0, score: 0, rank: 2 }],
      [{ playerId: "c" }, { index: 0, answered: false, correct: false, points: 0, streak: 0, score: 0, rank: 2 }],
    ]);
  });

  it("with the host connected and no autoAdvance, reveal waits for the host", () => {
    expect(g.state.endsAt).toBeNull();
    expect(g.do(E.tick(), DEADLINE + 10_000_000).effects).toEqual([]);
    expect(g.state.phase).toBe("reveal");
  });

  it("next → leaderboard: top players sorted with their deltas", () => {
    const o = g.do(E.cmd("next"), DEADLINE + 1_000);
    expect(g.state.phase).toBe("leaderboard");
    expect(only(o.sent, "leaderboard")).toMatchObject({
      question: 0,
      top: [
        { playerId: "a", score: 1000, rank: 1, delta: 1000 },
        { playerId: "b", score: 0, rank: 2, delta: 0 },
        { playerId: "c", score: 0, rank: 2, delta: 0 },
      ],
    });
  });

  const Q1 = DEADLINE + 2_000;
  it("next → the next question's preview", () => {
    const o = g.do(E.cmd("next"), Q1);
    expect(g.state).toMatchObject({ phase: "preview", question: 1, endsAt: Q1 + 3_000, answers: new Map() });
    expect(only(o.sent, "question").question).toMatchObject({ index: 1, points: 2000 });
    expect(o.sent.flatMap((s) => pathsOfKey(s.frame, "correct"))).toEqual([]);
  });

  it("the second question plays through the same way", () => {
    g.do(E.tick(), Q1 + 3_000);
    g.do(E.answer("a", 1, 2), Q1 + 3_100);
    g.do(E.answer("b", 1, WRONG), Q1 + 3_200);
    expect(g.state.phase).toBe("reveal"); // both connected players answered
    expect(g.player("a")).toMatchObject({ score: 1000 + 2000 + 100, streak: 2 });
    g.do(E.cmd("next"), Q1 + 4_000);
    expect(g.state.phase).toBe("leaderboard");
  });

  let podium: ReturnType<Game["do"]>;
  it("next after the last leaderboard → podium with a final frame per player and one archive", () => {
    podium = g.do(E.cmd("next"), Q1 + 5_000);
    expect(g.state).toMatchObject({ phase: "podium", endReason: "finished", endedAt: Q1 + 5_000, endsAt: null });
    expect(only(podium.sent, "podium")).toMatchObject({
      total: 3,
      top: [{ playerId: "a", rank: 1, score: 3100 }, { rank: 2 }, { rank: 2 }],
    });
    expect(podium.sent.filter((s) => s.frame.type === "final")).toEqual([
      { to: { playerId: "a" }, frame: expect.objectContaining({ rank: 1, score: 3100, total: 3 }) },
      { to: { playerId: "b" }, frame: expect.objectContaining({ rank: 2, score: 0, total: 3 }) },
      { to: { playerId: "c" }, frame: expect.objectContaining({ rank: 2, score: 0, total: 3 }) },
    ]);
    expect(kinds(podium.effects).filter((k) => k === "archive")).toHaveLength(1);
  });

  it("next on the podium → wrong-phase", () => {
    const before = snap(g.state);
    expect(g.do(E.cmd("next"), Q1 + 6_000).rejection?.code).toBe("wrong-phase");
    expect(snap(g.state)).toEqual(before);
  });

  it("end on the podium → ended, without a second archive", () => {
    const o = g.do(E.cmd("end"), Q1 + 7_000);
    expect(g.state.phase).toBe("ended");
    expect(g.state.endReason).toBe("finished");
    expect(only(o.sent, "ended").reason).toBe("finished");
    expect(kinds(o.effects)).not.toContain("archive");
    expect(g.log.flatMap((l) => kinds(l.effects)).filter((k) => k === "archive")).toHaveLength(1);
  });

  it("after the end, host commands are refused with game-ended", () => {
    expect(g.do(E.cmd("start"), Q1 + 8_000).rejection?.code).toBe("game-ended");
    expect(g.do(E.abandon(), Q1 + 8_000).effects).toEqual([]);
  });
});

describe("phase rules", () => {
  it("previewSec 0 goes straight to answering with both the question and the open frame", () => {
    const g = lobby(["a"], { settings: { previewSec: 0 } });
    const o = g.do(E.cmd("start"), START);
    expect(g.state).toMatchObject({ phase: "answering", openedAt: START, endsAt: START + LIMIT });
    expect(framesOf(o.sent, "question")).toHaveLength(1);
    expect(only(o.sent, "open").clock.endsAt).toBe(START + LIMIT);
  });

  it("two ticks at the deadline make one transition", () => {
    const g = answering(["a"]);
    const first = g.do(E.tick(), DEADLINE);
    const after = snap(g.state);
    const second = g.do(E.tick(), DEADLINE);
    expect(framesOf(first.sent, "reveal")).toHaveLength(1);
    expect(second.effects).toEqual([]);
    expect(snap(g.state)).toEqual(after);
  });

  it("a tick before the answering deadline does nothing", () => {
    const g = answering(["a"]);
    const before = snap(g.state);
    expect(g.do(E.tick(), DEADLINE - 1).effects).toEqual([]);
    expect(snap(g.state)).toEqual(before);
  });

  it("any event after a passed deadline sees the phase that follows it", () => {
    const g = answering(["a"]);
    const o = g.do(E.sync(P("a")), DEADLINE + 5);
    expect(g.state.phase).toBe("reveal");
    expect(framesOf(o.sent, "reveal")).toHaveLength(1);
    expect(only(o.sent, "snapshot").phase).toBe("reveal");
  });

  it("next during preview opens answering at once", () => {
    const g = lobby(["a"]);
    g.do(E.cmd("start"), START);
    g.do(E.cmd("next"), START + 500);
    expect(g.state).toMatchObject({ phase: "answering", openedAt: START + 500, endsAt: START + 500 + LIMIT });
  });

  it("next during answering reveals at once", () => {
    const g = answering(["a"]);
    g.do(E.cmd("next"), OPEN + 5);
    expect(g.state.phase).toBe("reveal");
  });

  it.each(["next", "skip", "pause", "resume"] as const)("%s in the lobby → wrong-phase, no change", (cmd) => {
    const g = lobby(["a"]);
    const before = snap(g.state);
    const o = g.do(E.cmd(cmd), START);
    expect(o.rejection?.code).toBe("wrong-phase");
    expect(o.effects).toEqual([]);
    expect(snap(g.state)).toEqual(before);
  });

  it("start twice → wrong-phase", () => {
    const g = lobby(["a"]);
    g.do(E.cmd("start"), START);
    const before = snap(g.state);
    expect(g.do(E.cmd("start"), START + 1).rejection?.code).toBe("wrong-phase");
    expect(snap(g.state)).toEqual(before);
  });
});

describe("abandon", () => {
  it("in the lobby ends the game without an archive", () => {
    const g = lobby(["a"]);
    const o = g.do(E.abandon(), START);
    expect(g.state).toMatchObject({ phase: "ended", endReason: "abandoned" });
    expect(only(o.sent, "ended").reason).toBe("abandoned");
    expect(kinds(o.effects)).not.toContain("archive");
  });

  it("after the start ends the game with one archive", () => {
    const g = answering(["a"]);
    const o = g.do(E.abandon(), OPEN + 1);
    expect(g.state).toMatchObject({ phase: "ended", endReason: "abandoned", endedAt: OPEN + 1 });
    expect(kinds(o.effects).filter((k) => k === "archive")).toHaveLength(1);
  });

  it("on the podium ends the game without a second archive and keeps the reason", () => {
    const g = lobby(["a"], { questions: [question()], settings: { previewSec: 0 } });
    g.do(E.cmd("start"), START);
    g.do(E.answer("a", 0, RIGHT), START + 10);
    g.do(E.cmd("next"), START + 20);
    g.do(E.cmd("next"), START + 30);
    expect(g.state.phase).toBe("podium");
    const o = g.do(E.abandon(), START + 40);
    expect(g.state).toMatchObject({ phase: "ended", endReason: "finished" });
    expect(kinds(o.effects)).not.toContain("archive");
  });

  it.each([
    ["host end", E.cmd("end")],
    ["abandon", E.abandon()],
  ])("%s mid-question leaves no pending answers (pendingCount as a recount gives: 0)", (_how, event) => {
    const g = answering(["a", "b"]);
    g.do(E.answer("a", 0, RIGHT), OPEN + 1);
    expect(g.state.pendingCount).toBe(1);
    g.do(event, OPEN + 2);
    expect(g.state.phase).toBe("ended");
    const clone = snap(g.state);
    recount(clone);
    expect(clone.pendingCount).toBe(0);
    expect(g.state.pendingCount).toBe(0);
  });

  it("host end mid-game → ended with reason host-ended and one archive", () => {
    const g = answering(["a"]);
    const o = g.do(E.cmd("end"), OPEN + 1);
    expect(g.state).toMatchObject({ phase: "ended", endReason: "host-ended" });
    expect(kinds(o.effects).filter((k) => k === "archive")).toHaveLength(1);
  });

  it("host end mid-game still gives the host the podium and each player a final rank of everyone", () => {
    const g = answering(["a", "b", "c"]);
    g.do(E.answer("b", 0, RIGHT), OPEN + 100);
    g.do(E.answer("a", 0, WRONG), OPEN + 200);
    g.do(E.answer("c", 0, RIGHT), OPEN + 5_000); // right but slower than b: fewer points
    g.do(E.cmd("next"), OPEN + 5_100);
    const o = g.do(E.cmd("end"), OPEN + 5_200);
    const podium = framesOf(o.sent, "podium");
    expect(podium).toHaveLength(1);
    expect(podium[0]!.top.map((r) => r.nickname)).toEqual([g.player("b").nickname, g.player("c").nickname, g.player("a").nickname]);
    expect(podium[0]!.total).toBe(3);
    const finals = o.sent.filter((x) => x.frame.type === "final");
    expect(finals.map((x) => [x.to, x.frame.type === "final" && [x.frame.rank, x.frame.total]])).toEqual([
      [{ playerId: "a" }, [3, 3]],
      [{ playerId: "b" }, [1, 3]],
      [{ playerId: "c" }, [2, 3]],
    ]);
    // The standings come before the `ended` frame, which the screens show them under.
    expect(o.sent.map((x) => x.frame.type).slice(-1)).toEqual(["ended"]);
  });

  it("a game ended in the lobby has no standings", () => {
    const g = lobby(["a"]);
    const o = g.do(E.cmd("end"), START);
    expect(framesOf(o.sent, "podium")).toHaveLength(0);
    expect(framesOf(o.sent, "ended")).toHaveLength(1);
  });
});
