import { z } from "zod";

/** A game a room reported as live (not yet ended). Times are epoch ms. */
export const LiveGame = z.object({
  pin: z.string(),
  gameId: z.string(),
  phase: z.string(),
  /** Players who joined and were not kicked. */
  players: z.int(),
  /** Players with an open socket. */
  connected: z.int(),
  updatedAt: z.int(),
});
export type LiveGame = z.infer<typeof LiveGame>;

/** What one finished game used (as its room counted it) and what that is estimated to cost. */
export const FinishedGame = z.object({
  pin: z.string(),
  gameId: z.string(),
  endedAt: z.int(),
  players: z.int(),
  questions: z.int(),
  answers: z.int(),
  usage: z.object({
    workerRequests: z.number(),
    roomRequests: z.number(),
    wsMessagesIn: z.number(),
    wsMessagesOut: z.number(),
    activeMs: z.number(),
    storageRowsWritten: z.number(),
    queueMessages: z.number(),
    d1RowsWritten: z.number(),
  }),
  /** Estimated Cloudflare cost in USD at list prices (worker/ops/cost.ts). */
  costUsd: z.number(),
});
export type FinishedGame = z.infer<typeof FinishedGame>;

/** GET /api/admin/ops: the live operational picture (admins only). */
export const OpsSnapshot = z.object({
  now: z.int(),
  version: z.string(),
  /** When the live counters started counting (they restart when their object restarts). */
  since: z.int(),
  /** False when the live counters could not be read; the archive numbers still are. */
  countersAvailable: z.boolean(),
  live: z.object({ games: z.int(), players: z.int(), connected: z.int(), answersPerSec: z.number() }),
  games: z.array(LiveGame),
  /** Every counter since `since`, by "name" or "name:label" (e.g. "answers.rejected:late"). */
  totals: z.record(z.string(), z.number()),
  /** Refusals and failures by where they happened and their code, most frequent first. */
  errors: z.array(z.object({ source: z.string(), code: z.string(), count: z.number() })),
  /**
   * Fan-outs (one frame to many sockets) since `since`: count, mean sockets reached, mean and max
   * duration in ms as the runtime measures it. workerd's clock only advances on I/O, so a synchronous
   * fan-out reads 0 ms here; the latency players see is what the bots report (fanoutMsP99).
   */
  fanout: z.object({ count: z.number(), meanRecipients: z.number(), meanMs: z.number(), maxMs: z.number() }),
  /** D1 archive_failures by status: `retrying` and `dead` are the backlog. */
  archive: z.object({ retrying: z.int(), dead: z.int(), redriven: z.int(), resolved: z.int(), archivedGames: z.int() }),
  /** The most recently finished games, newest first. */
  finished: z.array(FinishedGame),
});
export type OpsSnapshot = z.infer<typeof OpsSnapshot>;

/** GET /api/health: liveness, public and cheap. */
export const Health = z.object({
  ok: z.boolean(),
  version: z.string(),
  commit: z.string(),
  checks: z.object({
    worker: z.literal("ok"),
    d1: z.enum(["ok", "failed"]),
    queue: z.enum(["ok", "missing"]),
    rooms: z.enum(["ok", "missing"]),
  }),
});
export type Health = z.infer<typeof Health>;
