import { Hono } from "hono";
import type { Env } from "../../env";
import { causeOf, log } from "../../log";
import type { Health } from "../../protocol";
import type { AppEnv } from "../app";

export const versionOf = (env: Pick<Env, "VERSION" | "COMMIT">) => ({ version: env.VERSION || "dev", commit: env.COMMIT || "dev" });

/**
 * Liveness for uptime checks: public, no secrets, one trivial D1 query. Bindings are checked for
 * presence only (sending a queue message or waking a room would cost money on every probe).
 */
export const healthRoutes = new Hono<AppEnv>().get("/", async (c) => {
  let d1: Health["checks"]["d1"] = "ok";
  try {
    await c.env.DB.prepare("SELECT 1").first();
  } catch (err) {
    d1 = "failed";
    log("error", "health.d1-failed", { cause: causeOf(err) });
  }
  const checks: Health["checks"] = {
    worker: "ok",
    d1,
    queue: c.env.ARCHIVE && typeof c.env.ARCHIVE.send === "function" ? "ok" : "missing",
    rooms: c.env.GAME_ROOM && typeof c.env.GAME_ROOM.idFromName === "function" ? "ok" : "missing",
  };
  const ok = checks.d1 === "ok" && checks.queue === "ok" && checks.rooms === "ok";
  c.header("Cache-Control", "no-store");
  return c.json({ ok, ...versionOf(c.env), checks } satisfies Health, ok ? 200 : 503);
});
