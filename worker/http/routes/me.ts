import { Hono } from "hono";
import { D1Sink } from "../../archive/d1-sink";
import type { AppEnv } from "../app";
import { requireRole } from "../require-role";

/** Data portability (GDPR art. 20): everything the archive holds about the signed-in host, as JSON. */
export const meRoutes = new Hono<AppEnv>().get("/export", requireRole("host", "admin"), async (c) => {
  const host = c.get("host");
  const { results } = await c.env.DB.prepare("SELECT id FROM games WHERE host_id = ? ORDER BY ended_at")
    .bind(host.sub)
    .all<{ id: string }>();
  const sink = new D1Sink(c.env.DB);
  const games = (await Promise.all(results.map((r) => sink.read(r.id)))).filter((g) => g !== null);
  c.header("Content-Disposition", 'attachment; filename="quiz-live-export.json"');
  c.header("Cache-Control", "no-store");
  return c.json({ exportedAt: Date.now(), account: host, games });
});
