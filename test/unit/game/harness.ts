// Small helpers to drive the pure game reducer through `step` with explicit times.
import type { Audience, Effect, GameEvent, Rejection, Who } from "../../../worker/game/events";
import type { AnswerFrame } from "../../../worker/game/answer-value";
import { createGame, type GameState } from "../../../worker/game/state";
import { step } from "../../../worker/game/step";
import { GameSettings, PROTOCOL_VERSION, type QuestionOf, type QuizQuestion, type ServerFrame } from "../../../worker/protocol";
import { seededRandom } from "../../../worker/quiz/shuffle";

export const T0 = 1_000_000;
export const HOST: Who = { role: "host" };
export const P = (playerId: string): Who => ({ role: "player", playerId });

/** In the default question choice 1 is right, the others are wrong. */
export const RIGHT = 1;
export const WRONG = 0;

/** A `quiz` question (one right tile) unless `over` says otherwise. */
export function question(over: Partial<QuestionOf<"quiz">> | QuizQuestion = {}): QuizQuestion {
  if ("type" in over && over.type && over.type !== "quiz") return over as QuizQuestion;
  return { type: "quiz", text: "Which one?", choices: ["a", "b", "c", "d"], correct: [RIGHT], timeLimitSec: 20, points: 1000, ...over } as QuizQuestion;
}

export interface GameOptions {
  questions?: QuizQuestion[];
  settings?: Partial<GameSettings>;
}

export function newState(opts: GameOptions = {}, now = T0): GameState {
  return createGame(
    {
      gameId: "game-1",
      pin: "123456",
      hostId: "host-1",
      quiz: { title: "Test quiz", shuffleAnswers: false, shuffleQuestions: false, questions: opts.questions ?? [question(), question(), question()] },
      settings: GameSettings.parse(opts.settings ?? {}),
    },
    now,
  );
}

type HostCmd = "start" | "next" | "skip" | "pause" | "resume" | "end";

export const E = {
  join: (playerId: string, nickname: string = playerId): GameEvent => ({ type: "join", playerId, nickname }),
  connect: (who: Who): GameEvent => ({ type: "connect", who }),
  disconnect: (who: Who): GameEvent => ({ type: "disconnect", who }),
  answer: (who: Who | string, question: number, choice: number, answerId?: string): GameEvent => {
    const w = typeof who === "string" ? P(who) : who;
    const id = answerId ?? `${w.role === "player" ? w.playerId : "host"}/${question}`;
    return { type: "frame", who: w, frame: { v: PROTOCOL_VERSION, type: "answer", question, choice, answerId: id } };
  },
  /** An answer with any payload (`choices`, `text`, `value`, `order`). */
  answerWith: (playerId: string, question: number, payload: Partial<AnswerFrame>, answerId = `${playerId}/${question}`): GameEvent => ({
    type: "frame",
    who: P(playerId),
    frame: { v: PROTOCOL_VERSION, type: "answer", question, answerId, ...payload },
  }),
  cmd: (type: HostCmd, who: Who = HOST): GameEvent => ({ type: "frame", who, frame: { v: PROTOCOL_VERSION, type } }),
  kick: (playerId: string, who: Who = HOST): GameEvent => ({
    type: "frame",
    who,
    frame: { v: PROTOCOL_VERSION, type: "kick", playerId },
  }),
  sync: (who: Who): GameEvent => ({ type: "frame", who, frame: { v: PROTOCOL_VERSION, type: "sync" } }),
  tick: (): GameEvent => ({ type: "tick" }),
  restored: (): GameEvent => ({ type: "restored" }),
  abandon: (): GameEvent => ({ type: "abandon" }),
};

/** A frame as a socket would receive it; `send-each` effects are expanded to one per player. */
export interface Sent {
  to: Audience;
  frame: ServerFrame;
}

export interface Outcome {
  effects: Effect[];
  sent: Sent[];
  rejection?: Rejection;
}

/** Expand the effects of one step the way the shell does, right after the step. */
export function expand(state: GameState, effects: Effect[]): Sent[] {
  const sent: Sent[] = [];
  for (const e of effects) {
    if (e.kind === "send") sent.push({ to: e.to, frame: structuredClone(e.frame) });
    else if (e.kind === "send-each")
      for (const id of state.players.keys()) {
        const f = e.build(id);
        if (f) sent.push({ to: { playerId: id }, frame: structuredClone(f) });
      }
  }
  return sent;
}

/** A game driven only through `step`. */
export class Game {
  state: GameState;
  readonly log: Outcome[] = [];

  constructor(opts: GameOptions = {}, now = T0) {
    this.state = newState(opts, now);
  }

  do(event: GameEvent, now: number): Outcome {
    const r = step(this.state, event, now);
    this.state = r.state;
    const out: Outcome = { effects: r.effects, sent: expand(r.state, r.effects) };
    if (r.rejection) out.rejection = r.rejection;
    this.log.push(out);
    return out;
  }

  /** Run several events at the same time; returns the last outcome. */
  all(events: GameEvent[], now: number): Outcome {
    let last: Outcome = { effects: [], sent: [] };
    for (const e of events) last = this.do(e, now);
    return last;
  }

  player(id: string) {
    const p = this.state.players.get(id);
    if (!p) throw new Error(`no player ${id}`);
    return p;
  }
}

// ---- timeline of the default game (previewSec 3, 20 s questions) ----------------

export const START = T0 + 1_000;
export const OPEN = START + 3_000;
export const LIMIT = 20_000;
export const DEADLINE = OPEN + LIMIT;

/** A lobby with the host and these players joined and connected at T0. */
export function lobby(players: string[], opts: GameOptions = {}): Game {
  const g = new Game(opts);
  g.do(E.connect(HOST), T0);
  for (const id of players) {
    g.do(E.join(id), T0);
    g.do(E.connect(P(id)), T0);
  }
  return g;
}

/** A lobby, started at START and ticked into answering question 0 at OPEN (default settings). */
export function answering(players: string[], opts: GameOptions = {}): Game {
  const g = lobby(players, opts);
  g.do(E.cmd("start"), START);
  g.do(E.tick(), OPEN);
  if (g.state.phase !== "answering") throw new Error(`expected answering, got ${g.state.phase}`);
  return g;
}

// ---- reading outcomes ---------------------------------------------------------

const isPlayerAudience = (to: Audience, playerId?: string) =>
  to === "all" || to === "players" || (typeof to === "object" && (playerId === undefined || to.playerId === playerId));

/** Frames a player (any player when no id is given) receives. */
export const seenByPlayers = (sent: Sent[], playerId?: string): ServerFrame[] =>
  sent.filter((s) => isPlayerAudience(s.to, playerId)).map((s) => s.frame);

export const seenByHost = (sent: Sent[]): ServerFrame[] =>
  sent.filter((s) => s.to === "all" || s.to === "host").map((s) => s.frame);

export function framesOf<T extends ServerFrame["type"]>(sent: Sent[], type: T): Extract<ServerFrame, { type: T }>[] {
  return sent.map((s) => s.frame).filter((f): f is Extract<ServerFrame, { type: T }> => f.type === type);
}

export function only<T extends ServerFrame["type"]>(sent: Sent[], type: T): Extract<ServerFrame, { type: T }> {
  const fs = framesOf(sent, type);
  if (fs.length !== 1) throw new Error(`expected one ${type} frame, got ${fs.length}`);
  return fs[0]!;
}

export const kinds = (effects: Effect[]) => effects.map((e) => e.kind);

/** Every path inside `value` that ends in the key `key`. */
export function pathsOfKey(value: unknown, key: string, path = "$"): string[] {
  if (value === null || typeof value !== "object") return [];
  const out: string[] = [];
  for (const [k, v] of Object.entries(value)) {
    const p = `${path}.${k}`;
    if (k === key) out.push(p);
    out.push(...pathsOfKey(v, key, p));
  }
  return out;
}

/** A deep copy of the state (Maps and Sets included) to compare before/after. */
export const snap = (s: GameState): GameState => structuredClone(s);

/** Deterministic PRNG (mulberry32). */
export function prng(seed: number) {
  const next = seededRandom(seed);
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
  };
}
