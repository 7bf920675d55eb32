// Composition root: REST and sockets through Hono, the archive queue and its dead letters, the
// retention cron, and the Durable Object classes.
import { consumeArchive } from "./archive/consumer";
import { consumeDeadLetters } from "./archive/dead-letter";
import { purgeExpired } from "./archive/retention";
import type { Env } from "./env";
import { app } from "./http/app";
import { limitsOf } from "./limits/config";
import { log } from "./log";
import { requestIdOf, withLogContext } from "./ops/log-context";

export { GameRoom } from "./room/game-room";
export { IpLimiter } from "./limits/ip-limiter";
export { OpsCounters } from "./ops/ops-counters";

// Queue names as in wrangler.toml: "quiz-archive" and "quiz-archive-dlq", with "-staging" inside in
// the staging environment (not exported: every named export of the main module is an entrypoint).
const isArchiveDlq = (queue: string) => /^quiz-archive(-staging)?-dlq$/.test(queue);
const isArchiveQueue = (queue: string) => /^quiz-archive(-staging)?$/.test(queue);

export default {
  // Every log line of a request carries its id: Cloudflare's `cf-ray` when present.
  fetch: (req, env, ctx) => withLogContext({ source: "worker", requestId: requestIdOf(req) }, () => app.fetch(req, env, ctx)),
  queue: (batch, env, _ctx) =>
    withLogContext({ source: "queue" }, async () => {
      if (isArchiveDlq(batch.queue)) return consumeDeadLetters(batch, env);
      if (isArchiveQueue(batch.queue)) return consumeArchive(batch, env);
      log("error", "queue.unknown", { queue: batch.queue, messages: batch.messages.length });
      batch.retryAll();
    }),
  // Daily: archived games past the retention period are deleted.
  scheduled: (controller, env, _ctx) =>
    withLogContext({ source: "cron" }, async () => {
      const days = limitsOf(env).RETENTION_DAYS;
      const purged = await purgeExpired(env.DB, controller.scheduledTime, days);
      log("info", "archive.purged", { purged, days, cron: controller.cron });
    }),
} satisfies ExportedHandler<Env, unknown>;
