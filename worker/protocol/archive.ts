import { z } from "zod";
import { Quiz } from "./quiz";

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
      score: z.int(),
      rank: z.int(),
      correct: z.int(),
    }),
  ),
  answers: z.array(
    z.object({
      question: z.int(),
      playerId: z.string(),
      choice: z.int(),
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
