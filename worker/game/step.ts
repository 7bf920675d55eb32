// The game's rules as one pure function. Time comes in as `now`; ids come in with the events.
// For O(1) work per answer, `step` updates the state it is given in place and returns it; a
// rejected event returns before touching anything.
import type { ClientFrame } from "../protocol";
import type { Effect, GameEvent, Rejection, Who } from "./events";
import { rankPlayers, topPlayers } from "./ranking";
import { checkAnswer, judge } from "./answer-value";
import { puzzleDisplayOrder } from "./puzzle-order";
import { scoreAnswer } from "./scoring";
import { nicknameKey, type EndReason, type GameState, type Player } from "./state";
import { clockOf, frame, LEADERBOARD_SIZE, PODIUM_SIZE, playerEntry, playerResult, questionView, revealView, snapshot } from "./views";

/** Reveal and leaderboard advance by themselves after this long with autoAdvance, or with no host. */
export const AUTO_ADVANCE_MS = 5_000;
export const HOST_AWAY_MS = 20_000;
/** After a restart mid-question, how long the question stays open for players still reconnecting. */
export const RESTART_GRACE_MS = 8_000;
/**
 * When a player who has not answered drops mid-question, how long an early close waits for them:
 * a phone reloading the page or switching networks is back within a few seconds.
 */
export const DROP_GRACE_MS = 3_000;

export interface StepResult {
  state: GameState;
  effects: Effect[];
  rejection?: Rejection;
}

export function step(state: GameState, event: GameEvent, now: number): StepResult {
  const fx: Effect[] = [];
  // Deadlines that passed before this event take effect first, so the event sees the true phase.
  if (event.type !== "tick") advanceIfDue(state, now, fx);
  const rejection = apply(state, event, now, fx);
  return rejection ? { state, effects: fx, rejection } : { state, effects: fx };
}

/** The next time `tick` must run, or null. */
export const nextDeadline = (state: GameState): number | null =>
  state.graceUntil !== null && (state.endsAt === null || state.graceUntil < state.endsAt) ? state.graceUntil : state.endsAt;

function apply(s: GameState, e: GameEvent, now: number, fx: Effect[]): Rejection | undefined {
  switch (e.type) {
    case "tick":
      advanceIfDue(s, now, fx);
      return;
    case "join":
      return join(s, e.playerId, e.nickname, e.identifier ?? null, now, fx);
    case "connect":
      return connect(s, e.who, now, fx);
    case "disconnect":
      disconnect(s, e.who, now, fx);
      return;
    case "restored":
      if (s.phase === "answering" && !s.paused && s.endsAt !== null && s.connectedCount === 0) {
        s.graceUntil = Math.min(now + RESTART_GRACE_MS, s.endsAt);
        changed(s, fx);
      }
      return;
    case "abandon":
      if (s.phase !== "ended") end(s, "abandoned", now, fx);
      return;
    case "frame":
      return onFrame(s, e.who, e.frame, now, fx);
  }
}

// ---- phases -----------------------------------------------------------------

function changed(s: GameState, fx: Effect[]) {
  s.seq++;
  fx.push({ kind: "save-game" });
}

function advanceIfDue(s: GameState, now: number, fx: Effect[]) {
  // A loop, because leaving one phase can start another that is due at once (preview of 0 s).
  for (let guard = 0; guard < 8 && s.endsAt !== null && now >= s.endsAt; guard++) advance(s, s.endsAt, fx);
  if (s.graceUntil !== null && now >= s.graceUntil) {
    s.graceUntil = null;
    changed(s, fx);
    closeIfAllAnswered(s, now, fx);
  }
}

/** Leave the current phase for the next one, at time `at`. */
function advance(s: GameState, at: number, fx: Effect[]) {
  switch (s.phase) {
    case "preview":
      return openAnswers(s, at, fx);
    case "answering":
      return reveal(s, at, fx);
    case "reveal":
      return showLeaderboard(s, at, fx);
    case "leaderboard":
      return s.question + 1 < s.quiz.questions.length ? preview(s, s.question + 1, at, fx) : podium(s, at, fx);
    default:
      s.endsAt = null;
  }
}

function unpause(s: GameState) {
  s.paused = false;
  s.remainingMs = null;
  s.pausedAt = null;
}

function preview(s: GameState, index: number, now: number, fx: Effect[]) {
  unpause(s);
  s.phase = "preview";
  s.question = index;
  s.answers = new Map();
  s.openedAt = null;
  s.pendingCount = 0;
  const ms = s.settings.previewSec * 1000;
  if (ms === 0) return openAnswers(s, now, fx, true);
  s.endsAt = now + ms;
  changed(s, fx);
  fx.push({ kind: "send", to: "all", frame: frame(s, "question", { question: questionView(s)!, clock: clockOf(s) }) });
}

function openAnswers(s: GameState, now: number, fx: Effect[], withQuestion = false) {
  unpause(s);
  const q = s.quiz.questions[s.question]!;
  s.phase = "answering";
  s.openedAt = now;
  s.endsAt = now + q.timeLimitSec * 1000;
  s.pendingCount = s.connectedCount;
  changed(s, fx);
  if (withQuestion)
    fx.push({ kind: "send", to: "all", frame: frame(s, "question", { question: questionView(s)!, clock: clockOf(s) }) });
  fx.push({ kind: "send", to: "all", frame: frame(s, "open", { question: s.question, clock: clockOf(s) }) });
}

/** When to leave reveal or leaderboard by itself: soon when unattended, never while the host is there. */
function idleDeadline(s: GameState, now: number): number | null {
  if (s.settings.autoAdvance) return now + AUTO_ADVANCE_MS;
  return s.hostConnected ? null : now + HOST_AWAY_MS;
}

function reveal(s: GameState, now: number, fx: Effect[]) {
  unpause(s);
  s.phase = "reveal";
  s.graceUntil = null;
  s.pendingCount = 0;
  scoreQuestion(s);
  rankPlayers(s);
  s.endsAt = idleDeadline(s, now);
  changed(s, fx);
  fx.push({ kind: "save-scores" });
  fx.push({ kind: "send", to: "all", frame: frame(s, "reveal", { reveal: revealView(s)!, clock: clockOf(s) }) });
  fx.push({
    kind: "send-each",
    build: (id) => {
      const p = s.players.get(id);
      const result = p && !p.kicked ? playerResult(s, p) : null;
      return result && frame(s, "result", { result });
    },
  });
}

/** Adds the current question's answers to the players' totals (once: at its reveal, or at an early end). */
function scoreQuestion(s: GameState) {
  const poll = s.quiz.questions[s.question]?.type === "poll";
  for (const p of s.players.values()) {
    if (p.kicked) continue;
    const a = s.answers.get(p.id);
    p.lastPoints = a?.points ?? 0;
    p.score += p.lastPoints;
    // A poll has no right answer: not answering it keeps the streak too.
    if (!poll) p.streak = a?.streak ?? 0;
    if (a?.correct) p.correctCount++;
  }
}

function showLeaderboard(s: GameState, now: number, fx: Effect[]) {
  unpause(s);
  s.phase = "leaderboard";
  s.endsAt = idleDeadline(s, now);
  rankPlayers(s); // kicks and late joins since the reveal move ranks
  fx.push({ kind: "save-scores" });
  changed(s, fx);
  const top = topPlayers(s, LEADERBOARD_SIZE);
  fx.push({ kind: "send", to: "all", frame: frame(s, "leaderboard", { question: s.question, top, clock: clockOf(s) }) });
}

function podium(s: GameState, now: number, fx: Effect[]) {
  unpause(s);
  s.phase = "podium";
  s.endsAt = null;
  rankPlayers(s);
  fx.push({ kind: "save-scores" });
  s.endedAt = now;
  s.endReason = "finished";
  changed(s, fx);
  standings(s, fx);
  fx.push({ kind: "archive" });
}

/** The podium for everyone and each player's own final rank, from the ranks as they stand. */
function standings(s: GameState, fx: Effect[]) {
  fx.push({ kind: "send", to: "all", frame: frame(s, "podium", { top: topPlayers(s, PODIUM_SIZE), total: s.activeCount }) });
  fx.push({
    kind: "send-each",
    build: (id) => {
      const p = s.players.get(id);
      return p && !p.kicked ? frame(s, "final", { rank: p.rank, score: p.score, total: s.activeCount }) : null;
    },
  });
}

function end(s: GameState, reason: EndReason, now: number, fx: Effect[]) {
  const archived = s.phase === "podium";
  // Answers already given to an open question count, as they do in the archive's per-question points.
  if (s.phase === "answering") scoreQuestion(s);
  unpause(s);
  s.phase = "ended";
  s.endsAt = null;
  s.pendingCount = 0;
  if (!archived) {
    s.endedAt = now;
    s.endReason = reason;
  }
  changed(s, fx);
  // Ended before the podium: everyone still gets the standings as they are, as at a podium.
  const early = !archived && s.startedAt !== null;
  if (early) {
    rankPlayers(s);
    fx.push({ kind: "save-scores" });
    standings(s, fx);
  }
  fx.push({ kind: "send", to: "all", frame: frame(s, "ended", { reason: s.endReason ?? reason }) });
  if (early) fx.push({ kind: "archive" });
}

// ---- players ----------------------------------------------------------------

function join(s: GameState, playerId: string, nickname: string, identifier: string | null, now: number, fx: Effect[]): Rejection | undefined {
  if (s.phase === "podium" || s.phase === "ended") return { code: "game-ended", message: "This game has ended." };
  if (s.activeCount >= s.settings.maxPlayers) return { code: "game-full", message: "This game is full." };
  const key = nicknameKey(nickname);
  if (s.nicknames.has(key)) return { code: "nickname-taken", message: `"${nickname}" is taken in this game.` };
  if (s.players.has(playerId)) return { code: "bad-request", message: "Duplicate player id." };
  const p: Player = {
    id: playerId,
    nickname,
    identifier,
    score: 0,
    streak: 0,
    correctCount: 0,
    lastPoints: 0,
    rank: 0,
    kicked: false,
    joinedAt: now,
    connected: false,
  };
  s.players.set(playerId, p);
  s.nicknames.add(key);
  s.activeCount++;
  changed(s, fx);
  fx.push({ kind: "save-player", playerId });
  fx.push({
    kind: "send",
    to: "host",
    frame: frame(s, "joined", { player: playerEntry(p), playerCount: s.activeCount }),
  });
}

function connect(s: GameState, who: Who, now: number, fx: Effect[]): Rejection | undefined {
  if (who.role === "host") {
    s.hostConnected = true;
    // The host is back: reveal and leaderboard wait for them again.
    const before = s.endsAt;
    if (!s.settings.autoAdvance && !s.paused && (s.phase === "reveal" || s.phase === "leaderboard")) s.endsAt = null;
    changed(s, fx);
    if (s.endsAt !== before) fx.push({ kind: "send", to: "all", frame: frame(s, "clock", { phase: s.phase, clock: clockOf(s) }) });
  } else {
    const p = s.players.get(who.playerId);
    if (!p) return { code: "unknown-player", message: "No such player in this game." };
    if (p.kicked) return { code: "kicked", message: "You were removed from this game." };
    if (!p.connected) {
      p.connected = true;
      s.connectedCount++;
      if (s.phase === "answering" && !s.answers.has(p.id)) s.pendingCount++;
      changed(s, fx);
      fx.push({ kind: "send", to: "host", frame: frame(s, "presence", { playerId: p.id, connected: true }) });
    }
  }
  fx.push({ kind: "send", to: who.role === "host" ? "host" : { playerId: who.playerId }, frame: snapshot(s, who, now) });
}

function disconnect(s: GameState, who: Who, now: number, fx: Effect[]) {
  if (who.role === "host") {
    if (!s.hostConnected) return;
    s.hostConnected = false;
    const before = s.endsAt;
    if (!s.paused && s.endsAt === null && (s.phase === "reveal" || s.phase === "leaderboard")) s.endsAt = idleDeadline(s, now);
    changed(s, fx);
    // Players see the clock start: the game goes on by itself while the host is away.
    if (s.endsAt !== before) fx.push({ kind: "send", to: "all", frame: frame(s, "clock", { phase: s.phase, clock: clockOf(s) }) });
    return;
  }
  const p = s.players.get(who.playerId);
  if (!p || !p.connected) return;
  p.connected = false;
  if (!p.kicked) {
    s.connectedCount--;
    if (s.phase === "answering" && !s.answers.has(p.id)) {
      s.pendingCount--;
      if (!s.paused && s.endsAt !== null) s.graceUntil = Math.max(s.graceUntil ?? 0, Math.min(now + DROP_GRACE_MS, s.endsAt));
    }
  }
  changed(s, fx);
  fx.push({ kind: "send", to: "host", frame: frame(s, "presence", { playerId: p.id, connected: false }) });
  closeIfAllAnswered(s, now, fx);
}

/**
 * Everyone still connected has answered: close the question now. Absent players never hold it open
 * longer than a grace: after a restart, or for a few seconds after one of them dropped.
 */
function closeIfAllAnswered(s: GameState, now: number, fx: Effect[]) {
  // Within a grace, players still reconnecting count as pending.
  const waiting = s.graceUntil !== null && now < s.graceUntil && s.connectedCount < s.activeCount;
  if (s.phase === "answering" && !s.paused && !waiting && s.pendingCount <= 0 && s.connectedCount > 0) reveal(s, now, fx);
}

// ---- frames -----------------------------------------------------------------

function onFrame(s: GameState, who: Who, f: ClientFrame, now: number, fx: Effect[]): Rejection | undefined {
  if (f.type === "sync") {
    fx.push({ kind: "send", to: who.role === "host" ? "host" : { playerId: who.playerId }, frame: snapshot(s, who, now) });
    return;
  }
  if (f.type === "answer") {
    if (who.role !== "player") return { code: "not-player", message: "Only players answer.", ref: f.answerId };
    return answer(s, who.playerId, f, now, fx);
  }
  if (who.role !== "host") return { code: "not-host", message: "Only the host can do that.", ref: f.type };
  return hostCommand(s, f, now, fx);
}

function answer(
  s: GameState,
  playerId: string,
  f: Extract<ClientFrame, { type: "answer" }>,
  now: number,
  fx: Effect[],
): Rejection | undefined {
  const ref = f.answerId;
  const p = s.players.get(playerId);
  if (!p) return { code: "unknown-player", message: "No such player in this game.", ref };
  if (p.kicked) return { code: "kicked", message: "You were removed from this game.", ref };
  const previous = f.question === s.question ? s.answers.get(playerId) : undefined;
  if (previous) {
    if (previous.answerId !== f.answerId)
      return { code: "already-answered", message: "You already answered this question.", ref };
    // The same answer sent again (lost ack, double tap): acknowledge it again, change nothing.
    fx.push({ kind: "send", to: { playerId }, frame: frame(s, "ack", { question: f.question, answerId: ref }) });
    return;
  }
  if (s.phase === "podium" || s.phase === "ended") return { code: "game-ended", message: "The game is over.", ref };
  if (s.phase === "lobby") return { code: "wrong-phase", message: "The game has not started.", ref };
  if (f.question !== s.question) return { code: "wrong-question", message: `Question ${f.question} is not open.`, ref };
  if (s.phase === "reveal" || s.phase === "leaderboard") return { code: "late", message: "Time is up for this question.", ref };
  if (s.phase !== "answering") return { code: "wrong-phase", message: "Answers are not open yet.", ref };
  if (s.paused) return { code: "paused", message: "The game is paused.", ref };
  if (s.endsAt !== null && now >= s.endsAt) return { code: "late", message: "Time is up for this question.", ref };
  const q = s.quiz.questions[s.question]!;
  const display = q.type === "puzzle" ? puzzleDisplayOrder(s.gameId, s.question, q.items.length) : [];
  const checked = checkAnswer(q, f, display);
  if ("code" in checked) return { ...checked, ref };

  const ms = Math.max(0, now - (s.openedAt ?? now));
  const scored = scoreAnswer(q, judge(q, checked), ms, p.streak);
  s.answers.set(playerId, { playerId, question: s.question, ...checked, answerId: ref, ms, ...scored });
  if (p.connected) s.pendingCount--;
  // No seq bump: an answer changes nothing another client sees except the throttled counter.
  fx.push({ kind: "save-answer", playerId });
  fx.push({ kind: "send", to: { playerId }, frame: frame(s, "ack", { question: s.question, answerId: ref }) });
  fx.push({ kind: "progress", question: s.question, answered: s.answers.size, total: s.activeCount });
  closeIfAllAnswered(s, now, fx);
}

function hostCommand(
  s: GameState,
  f: Exclude<ClientFrame, { type: "answer" | "sync" }>,
  now: number,
  fx: Effect[],
): Rejection | undefined {
  const wrong = (): Rejection => ({ code: "wrong-phase", message: `Cannot ${f.type} during ${s.phase}.`, ref: f.type });
  if (s.phase === "ended") return { code: "game-ended", message: "The game is over.", ref: f.type };
  switch (f.type) {
    case "start":
      if (s.phase !== "lobby") return wrong();
      s.startedAt = now;
      preview(s, 0, now, fx);
      return;
    case "next":
      if (s.phase === "lobby" || s.phase === "podium") return wrong();
      advance(s, now, fx);
      return;
    case "skip":
      if (s.phase !== "preview" && s.phase !== "answering") return wrong();
      reveal(s, now, fx);
      return;
    case "pause":
      if (s.paused || !["preview", "answering", "reveal", "leaderboard"].includes(s.phase)) return wrong();
      s.paused = true;
      s.pausedAt = now;
      s.remainingMs = s.endsAt === null ? null : Math.max(0, s.endsAt - now);
      s.endsAt = null;
      changed(s, fx);
      fx.push({ kind: "send", to: "all", frame: frame(s, "clock", { phase: s.phase, clock: clockOf(s) }) });
      return;
    case "resume": {
      if (!s.paused) return wrong();
      const pausedFor = now - (s.pausedAt ?? now);
      if (s.openedAt !== null && s.phase === "answering") s.openedAt += pausedFor;
      s.endsAt = s.remainingMs === null ? null : now + s.remainingMs;
      unpause(s);
      if (s.endsAt === null && (s.phase === "reveal" || s.phase === "leaderboard")) s.endsAt = idleDeadline(s, now);
      changed(s, fx);
      fx.push({ kind: "send", to: "all", frame: frame(s, "clock", { phase: s.phase, clock: clockOf(s) }) });
      closeIfAllAnswered(s, now, fx);
      return;
    }
    case "end":
      end(s, s.phase === "podium" ? "finished" : "host-ended", now, fx);
      return;
    case "kick":
      return kick(s, f.playerId, now, fx);
  }
}

function kick(s: GameState, playerId: string, now: number, fx: Effect[]): Rejection | undefined {
  const p = s.players.get(playerId);
  if (!p || p.kicked) return { code: "unknown-player", message: "No such player in this game.", ref: "kick" };
  p.kicked = true;
  s.activeCount--;
  if (p.connected) {
    // Their sockets are being closed now; the close that follows changes nothing more.
    p.connected = false;
    s.connectedCount--;
    if (s.phase === "answering" && !s.answers.has(p.id)) s.pendingCount--;
  }
  // A kicked player's answer no longer counts in the distribution or the ranks.
  s.answers.delete(p.id);
  if (s.question >= 0) {
    rankPlayers(s);
    fx.push({ kind: "save-scores" });
  }
  changed(s, fx);
  fx.push({ kind: "save-player", playerId });
  fx.push({ kind: "send", to: "host", frame: frame(s, "kicked", { playerId, playerCount: s.activeCount }) });
  fx.push({ kind: "close", playerId, code: 4003, reason: "kicked" });
  if (s.phase === "answering") fx.push({ kind: "progress", question: s.question, answered: s.answers.size, total: s.activeCount });
  closeIfAllAnswered(s, now, fx);
}
