// The one place that decides what each audience sees. Nothing here may put the correct answer in
// front of a player before the reveal.
import {
  choicesOf,
  PROTOCOL_VERSION,
  type Clock,
  type PlayerEntry,
  type PlayerResult,
  type QuestionView,
  type RevealView,
  type ServerFrame,
  type ServerFrameOf,
} from "../protocol";
import { puzzleDisplayOrder } from "./puzzle-order";
import { topPlayers } from "./ranking";
import { buildReveal } from "./reveal-view";
import type { GameState, Player } from "./state";
import type { Who } from "./events";

export const LEADERBOARD_SIZE = 5;
export const PODIUM_SIZE = 5;

type Body<T extends ServerFrame["type"]> = Omit<ServerFrameOf<T>, "v" | "seq" | "type">;

/** Stamp a frame with the protocol version and the state's sequence number. */
export function frame<T extends ServerFrame["type"]>(state: GameState, type: T, body: Body<T>): ServerFrameOf<T> {
  return { v: PROTOCOL_VERSION, seq: state.seq, type, ...body } as ServerFrameOf<T>;
}

export function clockOf(state: GameState): Clock {
  return { endsAt: state.endsAt, paused: state.paused, remainingMs: state.remainingMs };
}

export function questionView(state: GameState): QuestionView | null {
  const q = state.quiz.questions[state.question];
  if (!q) return null;
  return {
    index: state.question,
    count: state.quiz.questions.length,
    type: q.type,
    text: q.text,
    choices: choicesOf(q),
    timeLimitMs: q.timeLimitSec * 1000,
    points: q.points,
    ...(q.imageUrl ? { imageUrl: q.imageUrl } : {}),
    // Only what a player needs to answer: never `correct`, `tolerance`, `accepted` or the solution order.
    ...(q.type === "slider" ? { slider: { min: q.min, max: q.max, step: q.step } } : {}),
    ...(q.type === "puzzle"
      ? { items: puzzleDisplayOrder(state.gameId, state.question, q.items.length).map((i) => q.items[i]!) }
      : {}),
  };
}

/** Answer distribution and correct choices; only valid from the reveal on. */
export function revealView(state: GameState): RevealView | null {
  const q = state.quiz.questions[state.question];
  if (!q || !["reveal", "leaderboard"].includes(state.phase)) return null;
  return buildReveal(q, state.question, state.answers, state.activeCount);
}

/** Whether the current question's answer has been shown (a game ended mid-question never reveals it). */
export function isRevealed(state: GameState): boolean {
  if (state.question < 0) return false;
  return ["reveal", "leaderboard", "podium"].includes(state.phase) || (state.phase === "ended" && state.endReason === "finished");
}

export function playerResult(state: GameState, p: Player): PlayerResult | null {
  if (!isRevealed(state)) return null;
  const a = state.answers.get(p.id);
  return {
    index: state.question,
    answered: !!a,
    correct: a?.correct ?? false,
    points: a?.points ?? 0,
    streak: p.streak,
    score: p.score,
    rank: p.rank,
  };
}

/** A player as the host sees them: the identifier is for the host's eyes only. */
export function playerEntry(p: Player): PlayerEntry {
  return { id: p.id, nickname: p.nickname, ...(p.identifier ? { identifier: p.identifier } : {}), score: p.score, connected: p.connected };
}

/** Full state for one connection: sent on every (re)connect and on `sync`. */
export function snapshot(state: GameState, who: Who, now: number): ServerFrameOf<"snapshot"> {
  const leaderboard =
    state.phase === "leaderboard" || state.phase === "podium" || state.phase === "ended"
      ? topPlayers(state, state.phase === "leaderboard" ? LEADERBOARD_SIZE : PODIUM_SIZE)
      : null;
  const inQuestion = ["preview", "answering", "reveal", "leaderboard"].includes(state.phase);
  const common = {
    now,
    pin: state.pin,
    title: state.quiz.title,
    phase: state.phase,
    questionCount: state.quiz.questions.length,
    clock: clockOf(state),
    question: inQuestion ? questionView(state) : null,
    reveal: revealView(state),
    leaderboard,
    playerCount: state.activeCount,
  };
  if (who.role === "host") {
    const players = [...state.players.values()]
      .filter((p) => !p.kicked)
      .map(playerEntry);
    return frame(state, "snapshot", { ...common, role: "host", players, answered: state.answers.size });
  }
  const p = state.players.get(who.playerId);
  const you = p && {
    id: p.id,
    nickname: p.nickname,
    score: p.score,
    streak: p.streak,
    answerId: state.answers.get(p.id)?.answerId ?? null,
    result: playerResult(state, p),
  };
  return frame(state, "snapshot", { ...common, role: "player", ...(you ? { you } : {}) });
}
