// Composition root: REST and sockets through Hono, the archive queue and its dead letters, the
// retention cron, and the Durable Object classes.
import { consumeArchive } from "./archive/consumer";
import { consumeDeadLetters } from "./archive/dead-letter";
import { purgeExpired } from "./archive/retention";
import type { Env } from "./env";
import { app } from "./http/app";
import { limitsOf } from "./limits/config";
import { log } from "./log";

export { GameRoom } from "./room/game-room";
export { IpLimiter } from "./limits/ip-limiter";

// Queue names as in wrangler.toml (not exported: every named export of the main module is an entrypoint).
const ARCHIVE_QUEUE = "quiz-archive";
const ARCHIVE_DLQ = "quiz-archive-dlq";

export default {
  fetch: (req, env, ctx) => app.fetch(req, env, ctx),
  async queue(batch, env, _ctx) {
    if (batch.queue === ARCHIVE_DLQ) return consumeDeadLetters(batch, env);
    if (batch.queue === ARCHIVE_QUEUE) return consumeArchive(batch, env);
    log("error", "queue.unknown", { queue: batch.queue, messages: batch.messages.length });
    batch.retryAll();
  },
  // Daily: archived games past the retention period are deleted.
  async scheduled(controller, env, _ctx) {
    const days = limitsOf(env).RETENTION_DAYS;
    const purged = await purgeExpired(env.DB, controller.scheduledTime, days);
    log("info", "archive.purged", { purged, days, cron: controller.cron });
  },
} satisfies ExportedHandler<Env, unknown>;
