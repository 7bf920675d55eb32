import { ArchiveMessage, GameResult } from "../protocol";
import type { Env } from "../env";
import { log } from "../log";
import { readStoredResult, writeGame } from "./d1-sink";

/** Backoff for a failed write: 2, 4, 8 … seconds, at most 5 minutes. */
export const retryDelaySec = (attempts: number) => Math.min(2 ** attempts, 300);

async function resolve(msg: ArchiveMessage, db: D1Database): Promise<GameResult> {
  if (msg.kind === "inline") return msg.result;
  const json = await readStoredResult(db, msg.gameId, msg.parts);
  if (json === null) throw new Error(`stored result of ${msg.gameId} is incomplete`);
  return GameResult.parse(json);
}

/** ARCHIVE consumer: validate, write, ack; anything that fails is retried and ends in the dead-letter queue. */
export async function consumeArchive(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  for (const msg of batch.messages) {
    const parsed = ArchiveMessage.safeParse(msg.body);
    if (!parsed.success) {
      // A malformed message will never succeed: send it to the dead-letter queue without waiting.
      log("error", "archive.invalid", { id: msg.id, issues: parsed.error.issues.length });
      msg.retry({ delaySeconds: 0 });
      continue;
    }
    try {
      const result = await resolve(parsed.data, env.DB);
      await writeGame(env.DB, result);
      log("info", "archive.written", { gameId: result.gameId, pin: result.pin, players: result.players.length });
      msg.ack();
    } catch (err) {
      log("error", "archive.failed", { id: msg.id, attempts: msg.attempts, cause: String(err) });
      msg.retry({ delaySeconds: retryDelaySec(msg.attempts) });
    }
  }
}
