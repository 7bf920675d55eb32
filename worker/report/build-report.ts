import { choicesOf, correctChoices } from "../protocol";
import type { GameReport, GameResult, ReportPlayer, ReportQuestion } from "../protocol";

const mean = (sum: number, n: number) => (n ? Math.round(sum / n) : null);
const percent = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 10 : 0);

/** How many of the hardest questions the report lists. */
export const DIFFICULT_COUNT = 5;

/** A finished game's report: per player and per question, computed from the archived result alone. */
export function buildReport(r: GameResult): GameReport {
  const qCount = r.quiz.questions.length;
  const byPlayer = new Map(r.players.map((p) => [p.id, { points: new Array<number>(qCount).fill(0), answered: 0, ms: 0 }]));
  const qStats = r.quiz.questions.map((q) => ({ answered: 0, correct: 0, ms: 0, distribution: new Array<number>(choicesOf(q).length).fill(0) }));
  for (const a of r.answers) {
    const p = byPlayer.get(a.playerId);
    const q = qStats[a.question];
    if (!p || !q) continue; // answers of players left out of the result (kicked) do not count
    p.points[a.question] = a.points;
    p.answered++;
    p.ms += a.ms;
    q.answered++;
    q.ms += a.ms;
    if (a.correct) q.correct++;
    // Multi-select answers count once per picked choice.
    for (const c of a.payload?.choices ?? [a.choice]) if (c >= 0 && c < q.distribution.length) q.distribution[c]!++;
  }
  const players: ReportPlayer[] = r.players
    .map((p) => {
      const s = byPlayer.get(p.id)!;
      return {
        rank: p.rank,
        playerId: p.id,
        nickname: p.nickname,
        identifier: p.identifier ?? null,
        team: p.team ?? null,
        score: p.score,
        correct: p.correct,
        answered: s.answered,
        avgResponseMs: mean(s.ms, s.answered),
        points: s.points,
      };
    })
    // Stable sort by rank: ties keep the archive's order, which is the game's own (podium) order.
    .sort((a, b) => a.rank - b.rank);
  const questions: ReportQuestion[] = r.quiz.questions.map((q, index) => {
    const s = qStats[index]!;
    return {
      index,
      text: q.text,
      type: q.type,
      choices: choicesOf(q),
      correct: correctChoices(q),
      answered: s.answered,
      percentCorrect: percent(s.correct, r.players.length),
      distribution: s.distribution,
      avgResponseMs: mean(s.ms, s.answered),
    };
  });
  // A poll has no right answer: it is never "difficult".
  const difficult = questions
    .filter((q) => q.type !== "poll")
    .sort((a, b) => a.percentCorrect - b.percentCorrect || a.index - b.index)
    .slice(0, DIFFICULT_COUNT)
    .map((q) => q.index);
  return {
    gameId: r.gameId,
    pin: r.pin,
    title: r.quiz.title,
    hostId: r.hostId,
    startedAt: r.startedAt,
    endedAt: r.endedAt,
    reason: r.reason,
    players,
    questions,
    difficult,
  };
}
