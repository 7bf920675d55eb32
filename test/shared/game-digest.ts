// What must be the same between two runs of one scripted game (e.g. with and without fuzz frames):
// the report and the host's final view, with ids, PINs and times taken out.
import type { GameReport, ServerFrameOf } from "../../worker/protocol";

export function reportDigest(r: GameReport) {
  return {
    title: r.title,
    reason: r.reason,
    players: r.players.map(({ rank, nickname, score, correct, answered, points }) => ({ rank, nickname, score, correct, answered, points })),
    questions: r.questions.map(({ index, answered, percentCorrect, distribution, correct }) => ({ index, answered, percentCorrect, distribution, correct })),
    difficult: r.difficult,
  };
}

export function snapshotDigest(s: ServerFrameOf<"snapshot">) {
  return {
    phase: s.phase,
    questionCount: s.questionCount,
    playerCount: s.playerCount,
    leaderboard: s.leaderboard?.map(({ nickname, score, rank, delta }) => ({ nickname, score, rank, delta })),
    players: s.players?.map(({ nickname, score }) => ({ nickname, score })).sort((a, b) => a.nickname.localeCompare(b.nickname)),
  };
}
