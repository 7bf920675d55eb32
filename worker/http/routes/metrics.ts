import { Hono } from "hono";
import { limitsOf } from "../../limits/config";
import type { AppEnv } from "../app";
import { requireRole } from "../require-role";

const DAY_MS = 86_400_000;

/** Operational numbers for admins: archive size and activity, and the limits in force. */
export const metricsRoutes = new Hono<AppEnv>().get("/", requireRole("admin"), async (c) => {
  const since = Date.now() - DAY_MS;
  const row = await c.env.DB.prepare(
    `SELECT COUNT(*) AS games, COALESCE(SUM(players), 0) AS players, MIN(ended_at) AS oldest,
            SUM(CASE WHEN ended_at >= ? THEN 1 ELSE 0 END) AS last24h FROM games`,
  )
    .bind(since)
    .first<{ games: number; players: number; oldest: number | null; last24h: number | null }>();
  return c.json({
    archive: { games: row?.games ?? 0, players: row?.players ?? 0, gamesLast24h: row?.last24h ?? 0, oldestEndedAt: row?.oldest ?? null },
    limits: limitsOf(c.env),
  });
});
