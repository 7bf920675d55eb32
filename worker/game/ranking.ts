import type { RankRow } from "../protocol";
import type { GameState, Player } from "./state";

const byScore = (a: Player, b: Player) =>
  b.score - a.score || a.joinedAt - b.joinedAt || (a.id < b.id ? -1 : 1);

/**
 * Sets `rank` on every active player (ties share a rank: 1, 2, 2, 4) and returns them best first.
 * Every player needs their own rank after each reveal, so a full sort is the honest cost here.
 */
export function rankPlayers(state: GameState): Player[] {
  const active: Player[] = [];
  for (const p of state.players.values()) if (!p.kicked) active.push(p);
  active.sort(byScore);
  active.forEach((p, i) => {
    const prev = active[i - 1];
    p.rank = prev && prev.score === p.score ? prev.rank : i + 1;
  });
  return active;
}

export const toRankRow = (p: Player): RankRow => ({
  playerId: p.id,
  nickname: p.nickname,
  score: p.score,
  rank: p.rank,
  delta: p.lastPoints,
});

/** The best `n` active players by the current ranks. */
export function topPlayers(state: GameState, n: number): RankRow[] {
  const top: Player[] = [];
  for (const p of state.players.values()) {
    if (p.kicked) continue;
    top.push(p);
    if (top.length > n) {
      top.sort(byScore);
      top.pop();
    }
  }
  return top.sort(byScore).map(toRankRow);
}
