import type { Quiz } from "../protocol/quiz";

/**
 * Returns a new quiz with each question's choices in a random order (Fisher–Yates driven by
 * `random`, which must return numbers in [0, 1)). `correct` is remapped so it still points to
 * the same choice texts. Pure: the same `random` sequence gives the same quiz.
 */
export function shuffleQuiz(quiz: Quiz, random: () => number): Quiz {
  return {
    ...quiz,
    questions: quiz.questions.map((q) => {
      const order = q.choices.map((_, i) => i); // order[newIndex] = oldIndex
      for (let i = order.length - 1; i > 0; i--) {
        const r = random();
        const j = Number.isFinite(r) ? Math.min(i, Math.max(0, Math.floor(r * (i + 1)))) : 0;
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      const newIndexOf = new Map(order.map((oldIndex, newIndex) => [oldIndex, newIndex]));
      return {
        ...q,
        choices: order.map((oldIndex) => q.choices[oldIndex]!),
        correct: q.correct.map((c) => newIndexOf.get(c) ?? c).sort((a, b) => a - b),
      };
    }),
  };
}

/** mulberry32: a tiny, fast 32-bit PRNG returning numbers in [0, 1). For tests and replays, not secrets. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
