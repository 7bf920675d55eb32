import type { GameResult } from "../protocol";
import { rankPlayers } from "../game/ranking";
import type { Answer, GameState } from "../game/state";

/** The archive document of a finished game; kicked players and their answers are left out. */
export function buildResult(s: GameState, answers: Answer[]): GameResult {
  const players = rankPlayers(s);
  const kept = new Set(players.map((p) => p.id));
  return {
    v: 1,
    gameId: s.gameId,
    pin: s.pin,
    hostId: s.hostId,
    quiz: s.quiz,
    createdAt: s.createdAt,
    startedAt: s.startedAt,
    endedAt: s.endedAt ?? s.createdAt,
    reason: s.endReason ?? "abandoned",
    players: players.map((p) => ({
      id: p.id,
      nickname: p.nickname,
      ...(p.identifier ? { identifier: p.identifier } : {}),
      score: p.score,
      rank: p.rank,
      correct: p.correctCount,
    })),
    answers: answers
      .filter((a) => kept.has(a.playerId))
      .map((a) => ({
        question: a.question,
        playerId: a.playerId,
        choice: a.choice,
        ...(a.payload ? { payload: a.payload } : {}),
        correct: a.correct,
        ms: a.ms,
        points: a.points,
        streak: a.streak,
      })),
  };
}
