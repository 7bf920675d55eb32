import { ArchiveMessage, GameResult } from "../protocol";
import type { Env } from "../env";
import { fieldErrors } from "../http/validate";
import { causeOf, log } from "../log";
import { withLogContext } from "../ops/log-context";
import { countKey, writeMetrics, type Counts } from "../ops/metrics";
import { reportOps } from "../ops/ops-reporter";
import { D1Sink } from "./d1-sink";
import { failureId, markResolved, recordAttempt } from "./failures";
import { deleteReferenced, readReferenced } from "./reference";
import { SinkError, asSinkError, type ArchiveSink } from "./sink";
import { sinksFromEnv, writeAll } from "./sinks";

/** Backoff for a transient failure: 2, 4, 8 … seconds, at most 5 minutes. */
export const retryDelaySec = (attempts: number) => Math.min(2 ** attempts, 300);

const permanent = (message: string) => new SinkError("message", false, message);

/** The result a message carries or points to; null when a reference was already archived and cleaned up. */
async function resolve(msg: ArchiveMessage, db: D1Database): Promise<GameResult | null> {
  if (msg.kind === "inline") return msg.result;
  const json = await readReferenced(db, msg.gameId, msg.parts);
  if (json === null) {
    // Parts are deleted only after every sink has the game, so a redelivery finds them gone.
    const archived = await db.prepare("SELECT 1 FROM games WHERE id = ?").bind(msg.gameId).first();
    if (archived) return null;
    throw permanent(`stored result of ${msg.gameId} is incomplete (expected ${msg.parts} parts)`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw permanent(`stored result of ${msg.gameId} is not JSON`);
  }
  const parsed = GameResult.safeParse(raw);
  if (!parsed.success) throw permanent(`stored result of ${msg.gameId} is invalid: ${fieldErrors(parsed.error)[0]?.path}`);
  return parsed.data;
}

async function archiveOne(body: unknown, env: Env, sinks: ArchiveSink[]): Promise<string> {
  const parsed = ArchiveMessage.safeParse(body);
  if (!parsed.success) {
    const first = fieldErrors(parsed.error)[0];
    throw permanent(`invalid archive message at ${first?.path}: ${first?.message}`);
  }
  const result = await resolve(parsed.data, env.DB);
  if (result === null) return "duplicate";
  await writeAll(sinks, result);
  if (parsed.data.kind === "stored") await deleteReferenced(env.DB, result.gameId);
  await markResolved(env.DB, result.gameId);
  return "written";
}

/** Sends a message that can never succeed straight to the dead-letter queue (Queues has no "dead-letter now"). */
async function deadLetter(msg: Message<unknown>, env: Env): Promise<void> {
  try {
    await env.ARCHIVE_DLQ.send(msg.body, { contentType: "json" });
    msg.ack();
  } catch (err) {
    // Could not reach the DLQ: fall back to retries; after max_retries Queues moves it there itself.
    log("error", "archive.dlq-send-failed", { id: msg.id, cause: causeOf(err) });
    msg.retry({ delaySeconds: retryDelaySec(msg.attempts) });
  }
}

/** ARCHIVE consumer: validate, write through every sink, ack; retry transient failures, dead-letter the rest. */
export async function consumeArchive(batch: MessageBatch<unknown>, env: Env, sinks: ArchiveSink[] = sinksFromEnv(env)): Promise<void> {
  const counts: Counts = {};
  const add = (k: keyof Counts) => (counts[k] = (counts[k] ?? 0) + 1);
  for (const msg of batch.messages) {
    const id = failureId(msg.body, msg.id);
    await withLogContext({ source: "queue", gameId: id }, async () => {
      try {
        const outcome = await archiveOne(msg.body, env, sinks);
        log("info", "archive.written", { id: msg.id, outcome, attempts: msg.attempts });
        add(outcome === "duplicate" ? "queue.duplicate" : "queue.written");
        msg.ack();
      } catch (caught) {
        const err = asSinkError("archive", caught);
        log("error", "archive.failed", { id: msg.id, attempts: msg.attempts, transient: err.transient, cause: err.message });
        await recordAttempt(env.DB, { id, body: msg.body, error: err.message, permanent: !err.transient, attempts: msg.attempts }).catch(
          (e: unknown) => log("error", "archive.record-failed", { id: msg.id, cause: causeOf(e) }),
        );
        add(countKey(err.transient ? "queue.retried" : "queue.dead-lettered", err.transient ? "transient" : "permanent"));
        if (err.transient) msg.retry({ delaySeconds: retryDelaySec(msg.attempts) });
        else await deadLetter(msg, env);
      }
    });
  }
  // One batch, one report: the consumer's numbers on the admin page and in Analytics Engine.
  writeMetrics(env.OPS_METRICS, counts, { environment: env.ENVIRONMENT });
  await reportOps(env, { counts });
}
