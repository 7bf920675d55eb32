// A made-up finished game of any size, consistent like a real one (scores = sum of points, ranks by score).
import type { GameResult } from "../../worker/protocol";
import { seededRandom } from "../../worker/quiz/shuffle";

// Deterministic, so sizes and timings are comparable between runs.
const rng = seededRandom;

const uuid = (n: number, salt: string) => `${salt.padEnd(8, "0").slice(0, 8)}-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;

export function syntheticResult(players: number, questions: number, opts: { gameId?: string; hostId?: string; nickname?: (i: number) => string } = {}): GameResult {
  const rand = rng(players * 31 + questions);
  const gameId = opts.gameId ?? crypto.randomUUID();
  const ids = Array.from({ length: players }, (_, i) => uuid(i, gameId));
  const scores = new Array<number>(players).fill(0);
  const correctCounts = new Array<number>(players).fill(0);
  const streaks = new Array<number>(players).fill(0);
  const answers: GameResult["answers"] = [];
  for (let q = 0; q < questions; q++)
    for (let p = 0; p < players; p++) {
      if (rand() < 0.05) {
        streaks[p] = 0;
        continue; // some players miss some questions
      }
      const choice = Math.floor(rand() * 4);
      const correct = choice === 0;
      const ms = 500 + Math.floor(rand() * 19_000);
      streaks[p] = correct ? streaks[p]! + 1 : 0;
      const points = correct ? Math.round(1000 * (1 - ms / 20_000 / 2)) + Math.min((streaks[p]! - 1) * 100, 500) : 0;
      scores[p]! += points;
      if (correct) correctCounts[p]!++;
      answers.push({ question: q, playerId: ids[p]!, choice, correct, ms, points, streak: streaks[p]! });
    }
  const order = ids.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
  const rank = new Array<number>(players);
  order.forEach((p, i) => (rank[p] = i > 0 && scores[order[i - 1]!] === scores[p] ? rank[order[i - 1]!]! : i + 1));
  const start = Date.UTC(2026, 0, 15, 9, 0, 0);
  return {
    v: 1,
    gameId,
    pin: "123456",
    hostId: opts.hostId ?? "dev-test-host",
    quiz: {
      title: `Synthetic ${players}×${questions}`,
      shuffleAnswers: true,
      shuffleQuestions: false,
      questions: Array.from({ length: questions }, (_, q) => ({
        type: "quiz" as const, text: `Question ${q + 1}: which of these is right?`,
        choices: ["right", "wrong A", "wrong B", "wrong C"],
        correct: [0],
        timeLimitSec: 20,
        points: 1000 as const,
      })),
    },
    createdAt: start - 60_000,
    startedAt: start,
    endedAt: start + questions * 30_000,
    reason: "finished",
    players: order.map((p) => ({ id: ids[p]!, nickname: opts.nickname?.(p) ?? `Player ${p + 1}`, score: scores[p]!, rank: rank[p]!, correct: correctCounts[p]! })),
    answers,
  };
}
