// What must be the same between two runs of one scripted game (e.g. with and without fuzz frames):
// the report and the host's final view, with ids, PINs and times taken out. With `timed: false`
// everything derived from server-measured response times (points, scores, ranks) is reduced to
// whether a question scored: two runs through a loaded dev server cannot answer in the same ms.
import type { GameReport, ServerFrameOf } from "../../worker/protocol";

export function reportDigest(r: GameReport, timed = true) {
  return {
    title: r.title,
    reason: r.reason,
    players: r.players
      .map(({ rank, nickname, score, correct, answered, points }) =>
        timed ? { rank, nickname, score, correct, answered, points } : { nickname, correct, answered, scored: points.map((p) => p > 0) },
      )
      .sort((a, b) => (timed ? 0 : a.nickname.localeCompare(b.nickname))),
    questions: r.questions.map(({ index, answered, percentCorrect, distribution, correct }) => ({ index, answered, percentCorrect, distribution, correct })),
    difficult: r.difficult,
  };
}

export function snapshotDigest(s: ServerFrameOf<"snapshot">, timed = true) {
  return {
    phase: s.phase,
    questionCount: s.questionCount,
    playerCount: s.playerCount,
    leaderboard: timed ? s.leaderboard?.map(({ nickname, score, rank, delta }) => ({ nickname, score, rank, delta })) : s.leaderboard?.length,
    players: s.players?.map(({ nickname, score }) => ({ nickname, score: timed ? score : null })).sort((a, b) => a.nickname.localeCompare(b.nickname)),
  };
}
