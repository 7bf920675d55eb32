// The client's picture of a game, rebuilt from server frames by one pure function.
import type { Clock, Phase, PlayerEntry, PlayerResult, QuestionView, RankRow, RevealView, ServerFrame } from "@protocol";

export interface ClientGame {
  role: "host" | "player";
  pin: string;
  title: string;
  phase: Phase;
  questionCount: number;
  /** Sequence number of the last snapshot; older frames are stale. */
  seq: number;
  /** Server clock minus local clock, ms: add it to Date.now() to get server time. */
  clockOffset: number;
  clock: Clock;
  question: QuestionView | null;
  reveal: RevealView | null;
  leaderboard: RankRow[] | null;
  podium: RankRow[] | null;
  playerCount: number;
  /** Host only. */
  players: PlayerEntry[];
  answered: number;
  /** Player only. */
  you: {
    id: string;
    nickname: string;
    score: number;
    streak: number;
    answerId: string | null;
    /** The choice this client sent for the current question (the server does not echo it). */
    choice: number | null;
    result: PlayerResult | null;
    final: { rank: number; score: number; total: number } | null;
  } | null;
  ended: "finished" | "host-ended" | "abandoned" | null;
  error: { code: string; message: string } | null;
}

/** Applies one server frame. `now` is the local clock when it arrived. */
export function applyFrame(g: ClientGame | null, f: ServerFrame, now: number): ClientGame | null {
  if (f.type === "snapshot") return fromSnapshot(g, f, now);
  if (!g || f.seq < g.seq) return g;
  const current = (index: number) => g.question?.index === index;
  switch (f.type) {
    case "joined":
      return { ...g, playerCount: f.playerCount, players: [...g.players.filter((p) => p.id !== f.player.id), f.player] };
    case "presence":
      return { ...g, players: g.players.map((p) => (p.id === f.playerId ? { ...p, connected: f.connected } : p)) };
    case "kicked":
      return { ...g, playerCount: f.playerCount, players: g.players.filter((p) => p.id !== f.playerId) };
    case "question":
      return {
        ...g,
        phase: "preview",
        question: f.question,
        clock: f.clock,
        reveal: null,
        answered: 0,
        error: null,
        you: g.you && { ...g.you, answerId: null, choice: null, result: null },
      };
    case "open":
      return current(f.question) ? { ...g, phase: "answering", clock: f.clock } : g;
    case "clock":
      return { ...g, phase: f.phase, clock: f.clock };
    case "progress":
      return current(f.question) ? { ...g, answered: f.answered } : g;
    case "ack":
      return current(f.question) && g.you ? { ...g, you: { ...g.you, answerId: f.answerId } } : g;
    case "reveal":
      return { ...g, phase: "reveal", reveal: f.reveal, clock: f.clock, answered: f.reveal.answered };
    case "result":
      return current(f.result.index) && g.you
        ? { ...g, you: { ...g.you, result: f.result, score: f.result.score, streak: f.result.streak } }
        : g;
    case "leaderboard":
      return { ...g, phase: "leaderboard", leaderboard: f.top, clock: f.clock };
    case "podium":
      return { ...g, phase: "podium", podium: f.top, playerCount: f.total, clock: { endsAt: null, paused: false, remainingMs: null } };
    case "final":
      return g.you ? { ...g, you: { ...g.you, final: { rank: f.rank, score: f.score, total: f.total } } } : g;
    case "ended":
      return { ...g, phase: "ended", ended: f.reason };
    case "error":
      // Answers for a question that has moved on are expected after a reconnect: not worth a message.
      if ((f.code === "late" || f.code === "wrong-question") && g.phase !== "answering") return g;
      return { ...g, error: { code: f.code, message: f.message } };
  }
}

function fromSnapshot(g: ClientGame | null, f: Extract<ServerFrame, { type: "snapshot" }>, now: number): ClientGame {
  const sameQuestion = g?.question?.index === f.question?.index;
  return {
    role: f.role,
    pin: f.pin,
    title: f.title,
    phase: f.phase,
    questionCount: f.questionCount,
    seq: f.seq,
    clockOffset: f.now - now,
    clock: f.clock,
    question: f.question,
    reveal: f.reveal,
    leaderboard: f.phase === "leaderboard" ? f.leaderboard : (g?.leaderboard ?? null),
    podium: f.phase === "podium" || f.phase === "ended" ? f.leaderboard : null,
    playerCount: f.playerCount,
    players: f.players ?? [],
    answered: f.answered ?? 0,
    you: f.you
      ? {
          ...f.you,
          // Keep the local choice only if the server has our answer to this very question.
          choice: sameQuestion && f.you.answerId ? (g?.you?.choice ?? null) : null,
          final: g?.you?.final ?? null,
        }
      : null,
    ended: f.phase === "ended" ? (g?.ended ?? "finished") : null,
    error: null,
  };
}

/** Milliseconds left on the clock at local time `now`, or null when nothing counts down. */
export function remainingMs(g: ClientGame, now: number): number | null {
  if (g.clock.paused) return g.clock.remainingMs;
  if (g.clock.endsAt === null) return null;
  return Math.max(0, g.clock.endsAt - (now + g.clockOffset));
}
