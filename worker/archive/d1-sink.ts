import type { ArchiveMessage, GameResult } from "../protocol";
import { MAX_INLINE_RESULT_BYTES } from "../protocol";

const PART_CHARS = 500_000;

/** Turns a result into a queue message, storing it in D1 first when it is too big to send inline. */
export async function toArchiveMessage(db: D1Database, result: GameResult): Promise<ArchiveMessage> {
  const json = JSON.stringify(result);
  const bytes = new TextEncoder().encode(json).byteLength;
  if (bytes <= MAX_INLINE_RESULT_BYTES) return { v: 1, kind: "inline", result };
  const parts: string[] = [];
  for (let i = 0; i < json.length; i += PART_CHARS) parts.push(json.slice(i, i + PART_CHARS));
  await db.batch(
    parts.map((body, part) =>
      db.prepare("INSERT OR REPLACE INTO archive_parts (game_id, part, body) VALUES (?, ?, ?)").bind(result.gameId, part, body),
    ),
  );
  return { v: 1, kind: "stored", gameId: result.gameId, parts: parts.length, bytes };
}

/** The JSON of a stored result, or null if a part is missing. */
export async function readStoredResult(db: D1Database, gameId: string, parts: number): Promise<unknown> {
  const { results } = await db
    .prepare("SELECT part, body FROM archive_parts WHERE game_id = ? ORDER BY part")
    .bind(gameId)
    .all<{ part: number; body: string }>();
  if (results.length !== parts) return null;
  return JSON.parse(results.map((r) => r.body).join(""));
}

/** Writes one finished game. Idempotent by game id: a redelivery replaces the row, never adds one. */
export async function writeGame(db: D1Database, r: GameResult): Promise<void> {
  const winner = r.players.find((p) => p.rank === 1)?.nickname ?? null;
  await db.batch([
    db
      .prepare(
        `INSERT INTO games (id, pin, host_id, title, reason, created_at, started_at, ended_at, players, questions, winner, result, archived_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET reason = excluded.reason, ended_at = excluded.ended_at, players = excluded.players,
           winner = excluded.winner, result = excluded.result, archived_at = excluded.archived_at`,
      )
      .bind(
        r.gameId, r.pin, r.hostId, r.quiz.title, r.reason, r.createdAt, r.startedAt, r.endedAt,
        r.players.length, r.quiz.questions.length, winner, JSON.stringify(r), Date.now(),
      ),
    db.prepare("DELETE FROM archive_parts WHERE game_id = ?").bind(r.gameId),
  ]);
}
