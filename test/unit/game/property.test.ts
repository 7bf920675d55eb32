import { describe, expect, it } from "vitest";
import type { Effect, GameEvent, Who } from "../../../worker/game/events";
import { recount, type GameState } from "../../../worker/game/state";
import { step } from "../../../worker/game/step";
import type { ServerFrame } from "../../../worker/protocol";
import { E, expand, Game, HOST, newState, P, prng, question, seenByPlayers, T0, type GameOptions } from "./harness";

const QUESTIONS = [
  question({ timeLimitSec: 5 }),
  question({ timeLimitSec: 5, points: 0 }),
  question({ timeLimitSec: 6, points: 2000, correct: [1, 2] }),
  question({ timeLimitSec: 5, choices: ["x", "y", "z"], correct: [0] }),
];
const IDS = ["p1", "p2", "p3", "p4", "p5", "p6"];
const NICKS = ["Ana", "ANA", "bob", "Bob", "cy", "Dee", "eve", "Fay", "gus"];

type Timed = { event: GameEvent; now: number };

/** Options and a random event list for one seed. Events depend on the state, so they are drawn while playing. */
function randomGame(seed: number, count: number, check?: (g: Game, t: Timed, i: number) => void) {
  const r = prng(seed);
  const opts: GameOptions = {
    questions: QUESTIONS,
    settings: { previewSec: r.pick([0, 1, 3]), autoAdvance: r.chance(0.5), maxPlayers: r.pick([3, 2000]) },
  };
  const g = new Game(opts);
  const events: Timed[] = [];
  let now = T0;
  const anyPlayer = () => (r.chance(0.05) ? "ghost" : r.pick(IDS));
  const anyone = (): Who => (r.chance(0.15) ? HOST : P(anyPlayer()));
  const draw = (s: GameState): GameEvent => {
    const x = r.next();
    if (x < 0.08) return E.join(r.pick(IDS), r.pick(NICKS));
    if (x < 0.18) return E.connect(anyone());
    if (x < 0.26) return E.disconnect(anyone());
    if (x < 0.56) {
      const who = r.chance(0.03) ? HOST : P(anyPlayer());
      const q = Math.max(0, s.question + r.pick([-1, 0, 0, 0, 0, 1]));
      const id = who.role === "player" ? `${who.playerId}-${r.int(3)}` : "h";
      return E.answer(who, q, r.int(5), id);
    }
    if (x < 0.76) {
      const who = r.chance(0.85) ? HOST : P(anyPlayer());
      const cmd = r.pick(["start", "start", "next", "next", "next", "skip", "pause", "resume", "kick", "end"] as const);
      if (cmd === "kick") return E.kick(anyPlayer(), who);
      if (cmd === "end" && r.chance(0.8)) return E.sync(who); // keep games long
      return E.cmd(cmd, who);
    }
    if (x < 0.8) return E.sync(anyone());
    if (x < 0.999) return E.tick();
    return E.abandon();
  };
  for (let i = 0; i < count; i++) {
    const event = draw(g.state);
    const ends = g.state.endsAt;
    const roll = r.next();
    if (event.type === "tick" && ends !== null && roll < 0.3) now = Math.max(now, ends);
    else if (ends !== null && roll < 0.35) now = Math.max(now, ends + r.pick([-1, 0, 1]));
    else now += r.pick([0, 0, 1, 40, 300, 900, 2_500]);
    const t = { event, now };
    events.push(t);
    g.do(event, now);
    check?.(g, t, i);
  }
  return { opts, events, game: g };
}

/** The `index` of every object in `frame` that carries a `correct` field (NaN when it has none). */
function correctIndexes(value: unknown): number[] {
  if (value === null || typeof value !== "object") return [];
  const index = (value as { index?: unknown }).index;
  const own = "correct" in value ? [typeof index === "number" ? index : NaN] : [];
  return [...own, ...Object.values(value).flatMap(correctIndexes)];
}

/** Checks the invariants after every step of one game. */
function invariantChecker() {
  const revealed = new Set<number>();
  const answers = new Map<string, number>(); // "player#question" → points
  return (g: Game, t: Timed, i: number) => {
    const s = g.state;
    const out = g.log[g.log.length - 1]!;
    const where = `event #${i} ${JSON.stringify(t.event)} at ${t.now} (phase ${s.phase}, question ${s.question})`;

    // Derived counters equal a recount.
    const clone = structuredClone(s);
    recount(clone);
    expect(
      { active: s.activeCount, connected: s.connectedCount, pending: s.pendingCount, nicknames: s.nicknames },
      `counters after ${where}`,
    ).toEqual({ active: clone.activeCount, connected: clone.connectedCount, pending: clone.pendingCount, nicknames: clone.nicknames });

    // One answer per player per question, never after the time limit.
    for (const e of out.effects) {
      if (e.kind !== "save-answer") continue;
      const a = s.answers.get(e.playerId);
      expect(a, `saved answer missing after ${where}`).toBeDefined();
      const key = `${e.playerId}#${a!.question}`;
      expect(answers.has(key), `second answer ${key} after ${where}`).toBe(false);
      answers.set(key, a!.points);
      expect(a!.ms, `answer time after ${where}`).toBeLessThanOrEqual(QUESTIONS[a!.question]!.timeLimitSec * 1000);
    }

    // Nothing players receive carries `correct` for a question not yet revealed.
    for (const f of seenByPlayers(out.sent)) {
      if (f.type === "reveal") revealed.add(f.reveal.index);
      for (const index of correctIndexes(f))
        expect(revealed.has(index), `\`correct\` of question ${index} in a ${f.type} frame after ${where}`).toBe(true);
    }

    // Every score is the sum of the player's revealed answers.
    for (const p of s.players.values()) {
      if (p.kicked) continue;
      let sum = 0;
      for (const q of revealed) sum += answers.get(`${p.id}#${q}`) ?? 0;
      expect(p.score, `score of ${p.id} after ${where}`).toBe(sum);
    }
  };
}

/** Effects with `send-each` expanded, so two runs can be compared. */
const comparable = (s: GameState, effects: Effect[]) => ({
  kinds: effects.map((e) => (e.kind === "send-each" ? "send-each" : e)),
  sent: expand(s, effects),
});

describe("random games", () => {
  const SEEDS = Array.from({ length: 40 }, (_, i) => i + 1);

  it.each(SEEDS)("seed %i: 500 random events never throw and keep every invariant", (seed) => {
    const { game } = randomGame(seed, 500, invariantChecker());
    expect(game.log).toHaveLength(500);
  });

  it("the random games reach every phase and exercise every rejection", () => {
    const phases = new Set<string>();
    const codes = new Set<string>();
    for (const seed of SEEDS)
      randomGame(seed, 500, (g) => {
        phases.add(g.state.phase);
        const rej = g.log[g.log.length - 1]!.rejection;
        if (rej) codes.add(rej.code);
      });
    expect([...phases].sort()).toEqual(["answering", "ended", "leaderboard", "lobby", "podium", "preview", "reveal"]);
    for (const code of ["already-answered", "wrong-question", "wrong-phase", "late", "bad-choice", "not-player", "not-host", "kicked", "paused", "unknown-player", "nickname-taken", "game-ended"])
      expect(codes, code).toContain(code);
  });
});

describe("determinism", () => {
  it.each([7, 8, 9])("seed %i: the same events at the same times give deep-equal effects and states", (seed) => {
    const { opts, events } = randomGame(seed, 500);
    const replay = () => {
      const s = newState(opts);
      const trace = events.map(({ event, now }) => {
        const r = step(s, event, now);
        return { ...comparable(s, r.effects), rejection: r.rejection, state: structuredClone(s) };
      });
      return { trace, state: s };
    };
    const first = replay();
    const second = replay();
    expect(second.trace).toEqual(first.trace);
    expect(second.state).toEqual(first.state);
    expect(first.state.seq).toBeGreaterThan(10);
  });
});

// The random games above found this; kept as a plain case.
describe("after the host ends the game mid-question", () => {
  it("a player's snapshot does not reveal whether their unrevealed answer was correct", () => {
    const g = new Game({ settings: { previewSec: 0 } });
    g.do(E.connect(HOST), T0);
    for (const id of ["a", "b"]) {
      g.do(E.join(id), T0);
      g.do(E.connect(P(id)), T0);
    }
    g.do(E.cmd("start"), T0 + 1);
    g.do(E.answer("a", 0, 1), T0 + 100);
    g.do(E.cmd("end"), T0 + 200);
    expect(g.state).toMatchObject({ phase: "ended", question: 0 });
    const snapshot = g.do(E.connect(P("a")), T0 + 300).sent.map((x) => x.frame) as ServerFrame[];
    const sync = g.do(E.sync(P("a")), T0 + 400).sent.map((x) => x.frame) as ServerFrame[];
    expect([...snapshot, ...sync].flatMap(correctIndexes)).toEqual([]);
  });
});
