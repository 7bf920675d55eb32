import { GameResult } from "../protocol";

/**
 * Removes one player's data from an archived game: their row, their answers, and the derived
 * columns (player count, winner). Returns false when the game or the player is not in the archive.
 */
export async function erasePlayer(db: D1Database, gameId: string, playerId: string): Promise<boolean> {
  const row = await db.prepare("SELECT result FROM games WHERE id = ?").bind(gameId).first<{ result: string }>();
  if (!row) return false;
  const result = GameResult.parse(JSON.parse(row.result));
  if (!result.players.some((p) => p.id === playerId)) return false;
  const players = result.players.filter((p) => p.id !== playerId);
  const answers = result.answers.filter((a) => a.playerId !== playerId);
  const erased: GameResult = { ...result, players, answers };
  // Others keep the ranks they earned; the winner column names the best remaining player.
  const winner = players.reduce<(typeof players)[number] | null>((best, p) => (!best || p.rank < best.rank ? p : best), null);
  await db
    .prepare("UPDATE games SET result = ?, players = ?, winner = ? WHERE id = ?")
    .bind(JSON.stringify(erased), players.length, winner?.nickname ?? null, gameId)
    .run();
  return true;
}
