import type { GameSettings, Phase, Quiz } from "../protocol";
import type { AnswerPayload } from "./answer-value";

export interface Player {
  id: string;
  nickname: string;
  /** Optional id the player gave at join (e.g. a student id): shown to the host and in reports only. */
  identifier: string | null;
  score: number;
  /** Correct answers in a row up to the last revealed question. */
  streak: number;
  correctCount: number;
  /** Points gained on the last revealed question. */
  lastPoints: number;
  /** Rank after the last reveal (1-based, ties share a rank); 0 before the first reveal. */
  rank: number;
  kicked: boolean;
  joinedAt: number;
  /** Not persisted: rebuilt from the open sockets when the room wakes. */
  connected: boolean;
}

export interface Answer {
  playerId: string;
  question: number;
  /** Single-choice index (quiz, truefalse, poll); -1 for the other types, whose answer is in `payload`. */
  choice: number;
  payload?: AnswerPayload;
  answerId: string;
  ms: number;
  correct: boolean;
  points: number;
  streak: number;
}

export type EndReason = "finished" | "host-ended" | "abandoned";

export interface GameState {
  gameId: string;
  pin: string;
  hostId: string;
  quiz: Quiz;
  settings: GameSettings;
  createdAt: number;
  startedAt: number | null;
  endedAt: number | null;
  endReason: EndReason | null;
  phase: Phase;
  /** Current question index; -1 in the lobby. */
  question: number;
  /** When the current phase ends by itself (epoch ms); null when it waits for the host or is paused. */
  endsAt: number | null;
  paused: boolean;
  /** Time left on the clock when paused. */
  remainingMs: number | null;
  pausedAt: number | null;
  /** When answering opened, moved forward by pauses, so response times exclude them. */
  openedAt: number | null;
  /**
   * After the room restarted mid-question (every socket lost at once), or a player who had not
   * answered dropped, the question does not close early before this time (epoch ms) unless everyone
   * is back: those who are connected must not close it for those still on their way. Null otherwise.
   */
  graceUntil: number | null;
  hostConnected: boolean;
  /** Increments on every change; each frame carries it. */
  seq: number;
  players: Map<string, Player>;
  /** Lower-cased nicknames in use (kicked players keep theirs). */
  nicknames: Set<string>;
  /** Answers to the current question, by player id. */
  answers: Map<string, Answer>;
  /** Non-kicked players. */
  activeCount: number;
  /** Connected, non-kicked players. */
  connectedCount: number;
  /** Connected, non-kicked players who have not answered the current question. */
  pendingCount: number;
}

export interface NewGame {
  gameId: string;
  pin: string;
  hostId: string;
  quiz: Quiz;
  settings: GameSettings;
}

export function createGame(init: NewGame, now: number): GameState {
  return {
    ...init,
    createdAt: now,
    startedAt: null,
    endedAt: null,
    endReason: null,
    phase: "lobby",
    question: -1,
    endsAt: null,
    paused: false,
    remainingMs: null,
    pausedAt: null,
    openedAt: null,
    graceUntil: null,
    hostConnected: false,
    seq: 0,
    players: new Map(),
    nicknames: new Set(),
    answers: new Map(),
    activeCount: 0,
    connectedCount: 0,
    pendingCount: 0,
  };
}

/** Case-folded form for uniqueness: upper then lower folds ß/SS alike; NFKC folds look-alike forms. */
export const nicknameKey = (nickname: string) => nickname.normalize("NFKC").toLocaleUpperCase("en").toLocaleLowerCase("en");

/** Recompute the derived counters, e.g. after loading from storage. */
export function recount(state: GameState): void {
  let active = 0;
  let connected = 0;
  let pending = 0;
  state.nicknames = new Set();
  for (const p of state.players.values()) {
    state.nicknames.add(nicknameKey(p.nickname));
    if (p.kicked) continue;
    active++;
    if (!p.connected) continue;
    connected++;
    if (!state.answers.has(p.id)) pending++;
  }
  state.activeCount = active;
  state.connectedCount = connected;
  state.pendingCount = state.phase === "answering" ? pending : 0;
}
