import { seededRandom } from "../quiz/shuffle";

/** FNV-1a over the string: a stable 32-bit seed from the game id. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * The order a puzzle's items are shown in: `display[k]` is the item (solution index) shown at
 * position k. Derived from the game id (random, never sent to players) and the question index, so
 * it is the same for every player and after a restart without storing it. Never the solution.
 */
export function puzzleDisplayOrder(gameId: string, question: number, n: number): number[] {
  const random = seededRandom(hash(gameId) ^ Math.imul(question + 1, 0x9e3779b1));
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  // A shuffle can land on the solution; rotating by one never does (n ≥ 2).
  if (n > 1 && order.every((item, pos) => item === pos)) order.push(order.shift()!);
  return order;
}
