import type { Env } from "../env";
import { log } from "../log";
import { retryDelaySec } from "./consumer";
import { failureId, recordDead } from "./failures";

/** Dead-letter consumer: records each dead message in D1 so an admin can list and redrive it. */
export async function consumeDeadLetters(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  for (const msg of batch.messages) {
    const id = failureId(msg.body, msg.id);
    try {
      await recordDead(env.DB, { id, body: msg.body, attempts: msg.attempts });
      log("warn", "archive.dead", { id: msg.id, gameId: id });
      msg.ack();
    } catch (err) {
      log("error", "archive.dead-record-failed", { id: msg.id, gameId: id, cause: String(err) });
      msg.retry({ delaySeconds: retryDelaySec(msg.attempts) });
    }
  }
}
