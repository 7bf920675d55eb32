const DAY_MS = 86_400_000;

/** Deletes archived games that ended more than `days` before `now`; returns how many went. */
export async function purgeExpired(db: D1Database, now: number, days: number): Promise<number> {
  const cutoff = now - days * DAY_MS;
  const res = await db.prepare("DELETE FROM games WHERE ended_at < ?").bind(cutoff).run();
  return res.meta.changes ?? 0;
}
