import type { Judged } from "./answer-value";

/** Answers faster than this earn full points (Kahoot's rule). */
export const FULL_POINTS_MS = 500;
export const STREAK_STEP = 100;
export const STREAK_CAP = 500;

/**
 * Points for one correct answer: round(points × (1 − (t / T) / 2)), full points under 0.5 s.
 * `ms` is the server-measured response time, `limitMs` the question's time limit.
 */
export function basePoints(points: number, ms: number, limitMs: number): number {
  if (points === 0) return 0;
  if (ms < FULL_POINTS_MS) return points;
  const t = Math.min(Math.max(ms, 0), limitMs);
  return Math.round(points * (1 - t / limitMs / 2));
}

/** +100 for each correct answer in a row from the 2nd, capped at +500. `streak` includes this answer. */
export function streakBonus(streak: number): number {
  return streak < 2 ? 0 : Math.min((streak - 1) * STREAK_STEP, STREAK_CAP);
}

export interface Scored {
  correct: boolean;
  points: number;
  /** Correct answers in a row, including this one; 0 after a wrong answer. */
  streak: number;
}

/**
 * Points for one judged answer. Fully right: the time-based points plus the streak bonus.
 * Partly right (multi, slider near the edge): the time-based points × `fraction`, no streak.
 * Polls keep the streak as it was: they have no right answer to break it.
 */
export function scoreAnswer(
  q: { type?: string; points: number; timeLimitSec: number },
  judged: Judged,
  ms: number,
  previousStreak: number,
): Scored {
  if (q.type === "poll") return { correct: false, points: 0, streak: previousStreak };
  const { correct, fraction } = judged;
  const base = fraction > 0 ? Math.round(basePoints(q.points, ms, q.timeLimitSec * 1000) * fraction) : 0;
  if (!correct) return { correct, points: base, streak: 0 };
  const streak = previousStreak + 1;
  // A 0-point question earns nothing, streak bonus included.
  return { correct, points: base === 0 ? 0 : base + streakBonus(streak), streak };
}
