// Composition root: REST and sockets through Hono, the archive queue, the retention cron, and the
// Durable Object classes.
import { consumeArchive } from "./archive/consumer";
import { purgeExpired } from "./archive/retention";
import type { Env } from "./env";
import { app } from "./http/app";
import { limitsOf } from "./limits/config";
import { log } from "./log";

export { GameRoom } from "./room/game-room";
export { IpLimiter } from "./limits/ip-limiter";

export default {
  fetch: (req, env, ctx) => app.fetch(req, env, ctx),
  async queue(batch, env, _ctx) {
    await consumeArchive(batch, env);
  },
  // Daily: archived games past the retention period are deleted.
  async scheduled(controller, env, _ctx) {
    const days = limitsOf(env).RETENTION_DAYS;
    const purged = await purgeExpired(env.DB, controller.scheduledTime, days);
    log("info", "archive.purged", { purged, days, cron: controller.cron });
  },
} satisfies ExportedHandler<Env, unknown>;
