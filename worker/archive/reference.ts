import type { ArchiveMessage, GameResult } from "../protocol";
import { MAX_INLINE_RESULT_BYTES } from "../protocol";
import { splitParts, utf8Bytes } from "./parts";

/** Turns a result into a queue message, storing it in D1 `archive_parts` first when it is too big to send inline. */
export async function toArchiveMessage(db: D1Database, result: GameResult): Promise<ArchiveMessage> {
  const json = JSON.stringify(result);
  const bytes = utf8Bytes(json);
  if (bytes <= MAX_INLINE_RESULT_BYTES) return { v: 1, kind: "inline", result };
  const parts = splitParts(json);
  // One statement per part keeps each D1 request far below its size limits.
  for (const [part, body] of parts.entries())
    await db.prepare("INSERT OR REPLACE INTO archive_parts (game_id, part, body) VALUES (?, ?, ?)").bind(result.gameId, part, body).run();
  return { v: 1, kind: "stored", gameId: result.gameId, parts: parts.length, bytes };
}

/** The JSON text of a referenced result, or null if a part is missing. */
export async function readReferenced(db: D1Database, gameId: string, parts: number): Promise<string | null> {
  const { results } = await db
    .prepare("SELECT part, body FROM archive_parts WHERE game_id = ? ORDER BY part")
    .bind(gameId)
    .all<{ part: number; body: string }>();
  if (results.length !== parts || results.some((r, i) => r.part !== i)) return null;
  return results.map((r) => r.body).join("");
}

/** Drops the staged parts once every sink has the game. */
export async function deleteReferenced(db: D1Database, gameId: string): Promise<void> {
  await db.prepare("DELETE FROM archive_parts WHERE game_id = ?").bind(gameId).run();
}
