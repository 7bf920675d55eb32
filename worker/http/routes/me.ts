import { Hono } from "hono";
import { GameResult } from "../../protocol";
import type { AppEnv } from "../app";
import { requireRole } from "../require-role";

/** Data portability (GDPR art. 20): everything the archive holds about the signed-in host, as JSON. */
export const meRoutes = new Hono<AppEnv>().get("/export", requireRole("host", "admin"), async (c) => {
  const host = c.get("host");
  const { results } = await c.env.DB.prepare("SELECT result FROM games WHERE host_id = ? ORDER BY ended_at")
    .bind(host.sub)
    .all<{ result: string }>();
  const games = results.map((r) => GameResult.parse(JSON.parse(r.result)));
  c.header("Content-Disposition", 'attachment; filename="quiz-live-export.json"');
  c.header("Cache-Control", "no-store");
  return c.json({ exportedAt: Date.now(), account: host, games });
});
