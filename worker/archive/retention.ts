const DAY_MS = 86_400_000;

/** Deletes archived games (row and stored parts) that ended more than `days` before `now`; returns how many went. */
export async function purgeExpired(db: D1Database, now: number, days: number): Promise<number> {
  const cutoff = now - days * DAY_MS;
  const [, games] = await db.batch([
    db.prepare("DELETE FROM game_parts WHERE game_id IN (SELECT id FROM games WHERE ended_at < ?)").bind(cutoff),
    db.prepare("DELETE FROM games WHERE ended_at < ?").bind(cutoff),
  ]);
  return games?.meta.changes ?? 0;
}
