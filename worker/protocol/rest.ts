import { z } from "zod";
import { LIMITS, Quiz } from "./quiz";

export const PIN_PATTERN = /^\d{6}$/;
export const Pin = z.string().regex(PIN_PATTERN, "must be 6 digits");

/**
 * Nicknames: whitespace collapsed and trimmed, 1–20 characters (Unicode code points), no control or
 * invisible formatting characters (the zero-width joiner inside emoji is fine), no broken UTF-16.
 * Uniqueness is per game, ignoring case (full case folding: "Straße" and "STRASSE" clash).
 */
export const Nickname = z
  .string()
  .transform((s) => s.normalize("NFC").replace(/\s+/g, " ").trim())
  .pipe(
    z
      .string()
      .min(1, "must not be empty")
      .max(LIMITS.nicknameMax, `at most ${LIMITS.nicknameMax} characters`)
      .refine((s) => !/\p{Cc}|(?!\u200D)\p{Cf}/u.test(s), "contains control or invisible characters")
      .refine((s) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s), "is not valid text"),
  );

export const QuizFormat = z.enum(["auto", "native", "opentdb"]);
export type QuizFormat = z.infer<typeof QuizFormat>;

export const GameSettings = z.object({
  /** Keep the answer order of the file; otherwise the server shuffles choices. Default false. */
  keepAnswerOrder: z.boolean().default(false),
  /** Reveal and leaderboard advance by themselves after a few seconds (unattended games). */
  autoAdvance: z.boolean().default(false),
  /** Players allowed in this game; the Worker caps it at its `MAX_PLAYERS` (default 2000). */
  maxPlayers: z.int().min(1).max(100_000).default(2000),
  /** Seconds the question is shown before answers open, 0–10. */
  previewSec: z.int().min(0).max(10).default(3),
});
export type GameSettings = z.infer<typeof GameSettings>;

/**
 * `POST /api/games`. `quiz` is the quiz file's parsed JSON: our own format or Open Trivia DB's
 * `{response_code, results}`. The whole body may also be the file itself (no `quiz` key).
 */
export const CreateGameRequest = z.object({
  quiz: z.unknown().optional(),
  /** A quiz from the host's library instead of `quiz`; the game plays a snapshot of it. */
  quizId: z.string().min(1).max(64).optional(),
  format: QuizFormat.default("auto"),
  settings: GameSettings.partial().default({}),
});
export type CreateGameRequest = z.input<typeof CreateGameRequest>;

export const CreateGameResponse = z.object({
  pin: Pin,
  gameId: z.string(),
  title: z.string(),
  questionCount: z.int(),
  /** Ticket for the host's socket: `GET /api/games/{pin}/ws?ticket=…`, valid 60 s. */
  hostTicket: z.string(),
  joinUrl: z.string(),
});
export type CreateGameResponse = z.infer<typeof CreateGameResponse>;

/** Optional player identifier (e.g. a student id): 1–64 characters, shown only to the host and in reports. */
export const PlayerIdentifier = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(64, "at most 64 characters")
  .refine((s) => !/[\p{Cc}\p{Cf}]/u.test(s), "contains control characters");

export const JoinRequest = z.object({ nickname: Nickname, identifier: PlayerIdentifier.optional() });
export type JoinRequest = z.input<typeof JoinRequest>;

export const JoinResponse = z.object({
  pin: Pin,
  playerId: z.string(),
  nickname: z.string(),
  /** Long-lived token that gets a new ticket after a refresh or a drop (`POST …/resume`). */
  resumeToken: z.string(),
  /** Socket ticket, valid 60 s. */
  ticket: z.string(),
});
export type JoinResponse = z.infer<typeof JoinResponse>;

export const ResumeRequest = z.object({ resumeToken: z.string().min(1) });
export const TicketResponse = z.object({ ticket: z.string(), playerId: z.string().optional() });
export type TicketResponse = z.infer<typeof TicketResponse>;

export const Phase = z.enum(["lobby", "preview", "answering", "reveal", "leaderboard", "podium", "ended"]);
export type Phase = z.infer<typeof Phase>;

/** `GET /api/games/{pin}`: public, no auth. */
export const GameStatus = z.object({
  pin: Pin,
  title: z.string(),
  phase: Phase,
  players: z.int(),
  questionCount: z.int(),
  /** Whether `POST …/join` can succeed right now. */
  joinable: z.boolean(),
});
export type GameStatus = z.infer<typeof GameStatus>;

export const DevSignInRequest = z.object({
  name: z.string().trim().min(1).max(60).default("Dev Host"),
  groups: z.array(z.enum(["host", "admin"])).default(["host"]),
});
export const DevSignInResponse = z.object({ token: z.string(), expiresAt: z.int() });
export type DevSignInResponse = z.infer<typeof DevSignInResponse>;

export const ErrorCode = z.enum([
  "bad-request",
  "unauthorized",
  "forbidden",
  "not-found",
  "game-full",
  "game-ended",
  "nickname-taken",
  "kicked",
  "pin-exhausted",
  "bad-quiz",
  "internal",
  /** The host's token is past its `exp`: sign in again (refresh). */
  "token-expired",
  /** The host's token failed verification (signature, alg, issuer, audience, client, token_use, nbf). */
  "invalid-token",
  /** The identity provider's keys could not be fetched; retry. */
  "auth-unavailable",
  /** Too many requests from this client; the `Retry-After` header says when to try again. */
  "rate-limited",
  /** The nickname is not allowed; `suggestion` offers a neutral one. */
  "nickname-rejected",
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** Every non-2xx REST answer. `fields` lists failing body fields for 400s. */
export const ErrorBody = z.object({
  error: z.object({
    code: ErrorCode,
    message: z.string(),
    fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    /** `nickname-rejected` only: a neutral nickname the client may offer instead. */
    suggestion: z.string().optional(),
    /** `rate-limited` only: seconds to wait, as in the `Retry-After` header. */
    retryAfterSec: z.int().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** `GET /api/archive/{gameId}`: the archived summary of a finished game (host's own games). */
export const ArchivedGame = z.object({
  gameId: z.string(),
  pin: Pin,
  title: z.string(),
  players: z.int(),
  questions: z.int(),
  winner: z.string().nullable(),
  endedAt: z.int(),
});
export type ArchivedGame = z.infer<typeof ArchivedGame>;

/** `POST /api/quizzes/validate`: the quiz as the server would play it (before shuffling). */
export const ValidateQuizResponse = z.object({ quiz: Quiz, questionCount: z.int() });
export type ValidateQuizResponse = z.infer<typeof ValidateQuizResponse>;

/** A quiz in the host's library, as listed (`GET /api/quizzes`). Times are epoch ms. */
export const QuizSummary = z.object({
  id: z.string(),
  title: z.string(),
  questionCount: z.int(),
  createdAt: z.int(),
  updatedAt: z.int(),
});
export type QuizSummary = z.infer<typeof QuizSummary>;

export const QuizList = z.object({ quizzes: z.array(QuizSummary) });
export type QuizList = z.infer<typeof QuizList>;

/** `GET /api/quizzes/{id}`, and the answer to create, update, duplicate and import. */
export const StoredQuiz = QuizSummary.extend({ quiz: Quiz });
export type StoredQuiz = z.infer<typeof StoredQuiz>;

/** `POST /api/quizzes/import`: the stored quiz and the format the file was read as. */
export const ImportQuizResponse = StoredQuiz.extend({
  format: z.enum(["native", "opentdb", "rahoot", "classquiz", "kahoot-api", "xlsx", "csv"]),
});
export type ImportQuizResponse = z.infer<typeof ImportQuizResponse>;

/** Most quizzes one host may keep. */
export const LIBRARY_MAX = 500;
