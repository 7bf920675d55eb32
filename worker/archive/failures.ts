import { ArchiveMessage, type ArchiveFailure, type FailureStatus } from "../protocol";

interface FailureRow {
  id: string;
  game_id: string | null;
  status: FailureStatus;
  permanent: number;
  error: string;
  attempts: number;
  message: string | null;
  first_failed_at: number;
  updated_at: number;
  redriven_at: number | null;
}

/** The game a message is about, even when the body is not a valid archive message. */
export function gameIdOf(body: unknown): string | null {
  const b = body as { gameId?: unknown; result?: { gameId?: unknown } } | null;
  const id = typeof b?.gameId === "string" ? b.gameId : b?.result?.gameId;
  return typeof id === "string" && id.length > 0 && id.length <= 200 ? id : null;
}

export const failureId = (body: unknown, messageId: string) => gameIdOf(body) ?? `msg:${messageId}`;

/** Notes a failed attempt while the consumer keeps retrying (or before it dead-letters). */
export async function recordAttempt(db: D1Database, f: { id: string; body: unknown; error: string; permanent: boolean; attempts: number }) {
  const now = Date.now();
  await db
    .prepare(
      `INSERT INTO archive_failures (id, game_id, status, permanent, error, attempts, message, first_failed_at, updated_at)
       VALUES (?, ?, 'retrying', ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET status = 'retrying', permanent = excluded.permanent, error = excluded.error,
         attempts = excluded.attempts, message = excluded.message, updated_at = excluded.updated_at`,
    )
    .bind(f.id, gameIdOf(f.body), f.permanent ? 1 : 0, f.error.slice(0, 2000), f.attempts, JSON.stringify(f.body ?? null), now, now)
    .run();
}

/** The dead-letter consumer's record: the message is dead until an admin redrives it. */
export async function recordDead(db: D1Database, f: { id: string; body: unknown; attempts: number }) {
  const now = Date.now();
  await db
    .prepare(
      `INSERT INTO archive_failures (id, game_id, status, permanent, error, attempts, message, first_failed_at, updated_at)
       VALUES (?, ?, 'dead', 0, 'retries exhausted (no error was recorded)', ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET status = 'dead', attempts = max(attempts, excluded.attempts),
         message = excluded.message, updated_at = excluded.updated_at`,
    )
    .bind(f.id, gameIdOf(f.body), f.attempts, JSON.stringify(f.body ?? null), now, now)
    .run();
}

/** Marks a game's failure resolved once it is archived (no-op when it never failed). */
export async function markResolved(db: D1Database, gameId: string) {
  await db.prepare("UPDATE archive_failures SET status = 'resolved', updated_at = ? WHERE id = ? AND status != 'resolved'").bind(Date.now(), gameId).run();
}

const redrivableMessage = (json: string | null): ArchiveMessage | null => {
  if (json === null) return null;
  try {
    const parsed = ArchiveMessage.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
};

const toFailure = (r: FailureRow): ArchiveFailure => ({
  id: r.id,
  gameId: r.game_id,
  status: r.status,
  permanent: r.permanent === 1,
  error: r.error,
  attempts: r.attempts,
  redrivable: redrivableMessage(r.message) !== null,
  firstFailedAt: r.first_failed_at,
  updatedAt: r.updated_at,
  redrivenAt: r.redriven_at,
});

export async function listFailures(db: D1Database, status: FailureStatus | undefined, limit: number): Promise<ArchiveFailure[]> {
  const where = status ? "WHERE status = ?" : "";
  const stmt = db.prepare(`SELECT * FROM archive_failures ${where} ORDER BY updated_at DESC, id LIMIT ?`);
  const { results } = await (status ? stmt.bind(status, limit) : stmt.bind(limit)).all<FailureRow>();
  return results.map(toFailure);
}

export type RedriveOutcome = { id: string; message: ArchiveMessage } | { id: string; skip: "not-dead" | "not-found" | "not-redrivable" };

/** Which failures can be sent again: only `dead` ones with a valid stored message. */
export async function redriveCandidates(db: D1Database, ids: string[] | undefined): Promise<RedriveOutcome[]> {
  const { results } = ids
    ? await db.prepare(`SELECT * FROM archive_failures WHERE id IN (${ids.map(() => "?").join(",")})`).bind(...ids).all<FailureRow>()
    : await db.prepare("SELECT * FROM archive_failures WHERE status = 'dead' ORDER BY updated_at LIMIT 100").all<FailureRow>();
  const byId = new Map(results.map((r) => [r.id, r]));
  return (ids ?? results.map((r) => r.id)).map((id): RedriveOutcome => {
    const row = byId.get(id);
    if (!row) return { id, skip: "not-found" };
    if (row.status !== "dead") return { id, skip: "not-dead" };
    const message = redrivableMessage(row.message);
    return message ? { id, message } : { id, skip: "not-redrivable" };
  });
}

export async function markRedriven(db: D1Database, id: string) {
  const now = Date.now();
  await db.prepare("UPDATE archive_failures SET status = 'redriven', redriven_at = ?, updated_at = ? WHERE id = ?").bind(now, now, id).run();
}
