import { z } from "zod";
import { LIMITS, Quiz } from "./quiz";

/** A non-single-choice answer as archived. */
export const AnswerPayload = z.object({
  choices: z.array(z.int()).optional(),
  text: z.string().max(LIMITS.typedTextMax).optional(),
  value: z.number().optional(),
  order: z.array(z.int()).optional(),
});

/** One finished game: the ARCHIVE queue body and the stored document. Times are epoch ms. */
export const GameResult = z.object({
  v: z.literal(1),
  gameId: z.string(),
  pin: z.string(),
  /** The host's `sub`. */
  hostId: z.string(),
  quiz: Quiz,
  createdAt: z.int(),
  startedAt: z.int().nullable(),
  endedAt: z.int(),
  reason: z.enum(["finished", "host-ended", "abandoned"]),
  players: z.array(
    z.object({
      id: z.string(),
      nickname: z.string(),
      /** The optional identifier the player gave at join (e.g. a student id); for the host's reports. */
      identifier: z.string().optional(),
      /** Team name in team games. */
      team: z.string().optional(),
      score: z.int(),
      rank: z.int(),
      correct: z.int(),
    }),
  ),
  answers: z.array(
    z.object({
      question: z.int(),
      playerId: z.string(),
      /** Single-choice index (quiz, truefalse, poll); -1 for the other types. */
      choice: z.int(),
      /** The answer of the other types: multi picks, typed text, slider value, puzzle order (item indexes). */
      payload: AnswerPayload.optional(),
      correct: z.boolean(),
      /** Server-measured time from the question opening to the answer, ms. */
      ms: z.int(),
      points: z.int(),
      streak: z.int(),
    }),
  ),
});
export type GameResult = z.infer<typeof GameResult>;

/** Queue messages are capped at 128 KB; larger results are stored in D1 first and sent by reference. */
export const MAX_INLINE_RESULT_BYTES = 100_000;

/** The ARCHIVE queue's message body. */
export const ArchiveMessage = z.discriminatedUnion("kind", [
  z.object({ v: z.literal(1), kind: z.literal("inline"), result: GameResult }),
  /** The result's JSON is in D1 `archive_parts` (game_id, part 0..parts-1). */
  z.object({ v: z.literal(1), kind: z.literal("stored"), gameId: z.string(), parts: z.int().min(1), bytes: z.int() }),
]);
export type ArchiveMessage = z.infer<typeof ArchiveMessage>;

export const FailureStatus = z.enum(["retrying", "dead", "redriven", "resolved"]);
export type FailureStatus = z.infer<typeof FailureStatus>;

/** `GET /api/admin/archive/failures`: one archive message that failed. Times are epoch ms. */
export const ArchiveFailure = z.object({
  /** The game id, or `msg:<queue message id>` when the body named no game. */
  id: z.string(),
  gameId: z.string().nullable(),
  /** `retrying`: the consumer is still retrying; `dead`: in the dead-letter queue; `redriven`: sent again; `resolved`: archived since. */
  status: FailureStatus,
  /** True when retrying cannot help (a 4xx from a sink, an invalid or incomplete message). */
  permanent: z.boolean(),
  error: z.string(),
  attempts: z.int(),
  /** Whether the stored message is a valid archive message that a redrive can send again. */
  redrivable: z.boolean(),
  firstFailedAt: z.int(),
  updatedAt: z.int(),
  redrivenAt: z.int().nullable(),
});
export type ArchiveFailure = z.infer<typeof ArchiveFailure>;

export const ArchiveFailureList = z.object({ failures: z.array(ArchiveFailure) });
export type ArchiveFailureList = z.infer<typeof ArchiveFailureList>;

/** `POST /api/admin/archive/redrive`: the failures to send again; no `ids` means every `dead` one. */
export const RedriveRequest = z.object({ ids: z.array(z.string().min(1).max(200)).min(1).max(100).optional() });
export type RedriveRequest = z.input<typeof RedriveRequest>;

export const RedriveResponse = z.object({
  /** Ids sent to the archive queue again. */
  redriven: z.array(z.string()),
  /** Ids left alone, with why (`not-dead`, `not-found`, `not-redrivable`). */
  skipped: z.array(z.object({ id: z.string(), reason: z.enum(["not-dead", "not-found", "not-redrivable"]) })),
});
export type RedriveResponse = z.infer<typeof RedriveResponse>;
