import type { Quiz, QuizQuestion } from "../protocol/quiz";

/** Fisher–Yates order of n items driven by `random` ([0, 1)): `order[newIndex] = oldIndex`. */
export function randomOrder(n: number, random: () => number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const r = random();
    const j = Number.isFinite(r) ? Math.min(i, Math.max(0, Math.floor(r * (i + 1)))) : 0;
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/**
 * One question with its choice tiles in a random order and `correct` remapped to the same texts.
 * Only tile questions (quiz, multi, poll) move: true/false keeps True before False, and a slider,
 * type answer or puzzle has no tiles (puzzles are shown shuffled per game, see game/puzzle-order).
 */
export function shuffleQuestion(q: QuizQuestion, random: () => number): QuizQuestion {
  if (q.type !== "quiz" && q.type !== "multi" && q.type !== "poll") return q;
  const order = randomOrder(q.choices.length, random);
  const choices = order.map((oldIndex) => q.choices[oldIndex]!);
  if (q.type === "poll") return { ...q, choices };
  const newIndexOf = new Map(order.map((oldIndex, newIndex) => [oldIndex, newIndex]));
  return { ...q, choices, correct: q.correct.map((c) => newIndexOf.get(c) ?? c).sort((a, b) => a - b) };
}

/**
 * Returns a new quiz with each question's choices in a random order. Pure: the same `random`
 * sequence gives the same quiz.
 */
export function shuffleQuiz(quiz: Quiz, random: () => number): Quiz {
  return { ...quiz, questions: quiz.questions.map((q) => shuffleQuestion(q, random)) };
}

/** The quiz a game plays: answers shuffled unless the quiz or the game says not to, questions if the quiz asks. */
export function prepareQuiz(quiz: Quiz, random: () => number, keepAnswerOrder = false): Quiz {
  const answers = quiz.shuffleAnswers && !keepAnswerOrder ? shuffleQuiz(quiz, random) : quiz;
  if (!quiz.shuffleQuestions) return answers;
  return { ...answers, questions: randomOrder(answers.questions.length, random).map((i) => answers.questions[i]!) };
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
