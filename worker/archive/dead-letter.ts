import type { Env } from "../env";
import { causeOf, log } from "../log";
import { withLogContext } from "../ops/log-context";
import { writeMetrics } from "../ops/metrics";
import { reportOps } from "../ops/ops-reporter";
import { retryDelaySec } from "./consumer";
import { failureId, recordDead } from "./failures";

/** Dead-letter consumer: records each dead message in D1 so an admin can list and redrive it. */
export async function consumeDeadLetters(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  let dead = 0;
  for (const msg of batch.messages) {
    const id = failureId(msg.body, msg.id);
    await withLogContext({ source: "queue", gameId: id }, async () => {
      try {
        await recordDead(env.DB, { id, body: msg.body, attempts: msg.attempts });
        log("warn", "archive.dead", { id: msg.id });
        dead++;
        msg.ack();
      } catch (err) {
        log("error", "archive.dead-record-failed", { id: msg.id, cause: causeOf(err) });
        msg.retry({ delaySeconds: retryDelaySec(msg.attempts) });
      }
    });
  }
  if (dead === 0) return;
  writeMetrics(env.OPS_METRICS, { "queue.dead": dead }, { environment: env.ENVIRONMENT });
  await reportOps(env, { counts: { "queue.dead": dead } });
}
