import { z } from "zod";
import { LIMITS, QuestionType } from "./quiz";
import { Phase } from "./rest";

/** Bumped on any incompatible change to a frame. Every frame carries it as `v`. */
export const PROTOCOL_VERSION = 1;
const v = z.literal(PROTOCOL_VERSION);

/** Largest client frame the server reads, in UTF-8 bytes. */
export const MAX_CLIENT_FRAME_BYTES = 1024;

// ---- client → server -------------------------------------------------------

const HostCommandType = z.enum(["start", "next", "skip", "pause", "resume", "end"]);
export const HOST_COMMANDS = new Set<string>([...HostCommandType.options, "kick"]);

export const ClientFrame = z.discriminatedUnion("type", [
  z.object({
    v,
    type: z.literal("answer"),
    /** Index of the question being answered; stale answers are refused, not misfiled. */
    question: z.int().min(0),
    /** quiz, truefalse (0 = True, 1 = False) and poll: 0-based index into the question's `choices`. */
    choice: z.int().min(0).optional(),
    /** multi: the picked choice indexes (any order, no repeats). */
    choices: z.array(z.int().min(0)).max(LIMITS.choicesMax).optional(),
    /** typeanswer: what the player typed. */
    text: z.string().max(LIMITS.typedTextMax).optional(),
    /** slider: the picked value. */
    value: z.number().min(-LIMITS.sliderAbsMax).max(LIMITS.sliderAbsMax).optional(),
    /** puzzle: indexes into the question view's `items` (as shown), in the order the player put them. */
    order: z.array(z.int().min(0)).max(LIMITS.puzzleItemsMax).optional(),
    /** Client-chosen id; resending the same id is idempotent and gets the same ack. */
    answerId: z.string().min(1).max(64),
  }),
  z.object({ v, type: HostCommandType }),
  z.object({ v, type: z.literal("kick"), playerId: z.string().min(1).max(64) }),
  /** Ask for a fresh snapshot, e.g. when the client's view looks out of date. */
  z.object({ v, type: z.literal("sync") }),
]);
export type ClientFrame = z.infer<typeof ClientFrame>;
export type HostCommand = Extract<ClientFrame, { type: z.infer<typeof HostCommandType> | "kick" }>;

// ---- server → client -------------------------------------------------------

export const FrameErrorCode = z.enum([
  "bad-frame",
  "unsupported-version",
  "too-large",
  "not-host",
  "not-player",
  "wrong-phase",
  "wrong-question",
  "late",
  "bad-choice",
  /** The answer's payload does not fit the question type (e.g. `text` for a slider, a duplicate pick). */
  "bad-answer",
  "already-answered",
  "paused",
  "unknown-player",
  "kicked",
  "game-ended",
  /** The socket sent frames faster than its limit; later frames are dropped until it slows down. */
  "rate-limited",
]);
export type FrameErrorCode = z.infer<typeof FrameErrorCode>;

/** A question as players see it: never carries the correct answer. */
export const QuestionView = z.object({
  index: z.int(),
  count: z.int(),
  /** The question type; decides which answer field the client sends. */
  type: QuestionType,
  text: z.string(),
  /** Tiles for quiz, multi, truefalse ("True", "False") and poll; empty for the other types. */
  choices: z.array(z.string()),
  timeLimitMs: z.int(),
  points: z.int(),
  imageUrl: z.string().optional(),
  /** slider only: the range and step (never the right value). */
  slider: z.object({ min: z.number(), max: z.number(), step: z.number() }).optional(),
  /** puzzle only: the items in a shuffled order that is never the solution. */
  items: z.array(z.string()).optional(),
});
export type QuestionView = z.infer<typeof QuestionView>;

export const RevealView = z.object({
  index: z.int(),
  type: QuestionType,
  /** Indexes of the correct choices (empty for poll and the non-choice types). */
  correct: z.array(z.int()),
  /** Answers per choice, same order as `choices` (multi: picks per choice); empty for non-choice types. */
  counts: z.array(z.int()),
  answered: z.int(),
  total: z.int(),
  /** Players who got it right (multi: all right picks; slider: within tolerance). */
  correctCount: z.int(),
  explanation: z.string().optional(),
  /** typeanswer: the accepted answers, and the most common typed answers (normalised, top 10). */
  accepted: z.array(z.string()).optional(),
  typed: z.array(z.object({ text: z.string(), count: z.int() })).optional(),
  /** slider: the right value, tolerance, and how many players picked each value. */
  slider: z
    .object({ correct: z.number(), tolerance: z.number(), histogram: z.array(z.object({ value: z.number(), count: z.int() })) })
    .optional(),
  /** puzzle: the items in the right order; `positions[i]` = players who put item i in the right place. */
  solution: z.array(z.string()).optional(),
  positions: z.array(z.int()).optional(),
});
export type RevealView = z.infer<typeof RevealView>;

export const RankRow = z.object({
  playerId: z.string(),
  nickname: z.string(),
  score: z.int(),
  rank: z.int(),
  /** Points gained on the last question. */
  delta: z.int(),
});
export type RankRow = z.infer<typeof RankRow>;

export const PlayerResult = z.object({
  index: z.int(),
  answered: z.boolean(),
  correct: z.boolean(),
  points: z.int(),
  streak: z.int(),
  score: z.int(),
  rank: z.int(),
});
export type PlayerResult = z.infer<typeof PlayerResult>;

export const PlayerEntry = z.object({
  id: z.string(),
  nickname: z.string(),
  /** Host frames only: the optional identifier (e.g. student id) given at join. Never sent to players. */
  identifier: z.string().optional(),
  score: z.int(),
  connected: z.boolean(),
});
export type PlayerEntry = z.infer<typeof PlayerEntry>;

export const Clock = z.object({
  /** Epoch ms when the current phase ends by itself; null when it waits for the host or is paused. */
  endsAt: z.int().nullable(),
  paused: z.boolean(),
  /** Time left when paused, ms. */
  remainingMs: z.int().nullable(),
});
export type Clock = z.infer<typeof Clock>;

const base = { v, seq: z.int() };

export const ServerFrame = z.discriminatedUnion("type", [
  z.object({
    ...base,
    type: z.literal("snapshot"),
    /** Server clock (epoch ms) when the snapshot was built; clients correct their clock with it. */
    now: z.int(),
    role: z.enum(["host", "player"]),
    pin: z.string(),
    title: z.string(),
    phase: Phase,
    questionCount: z.int(),
    clock: Clock,
    question: QuestionView.nullable(),
    reveal: RevealView.nullable(),
    leaderboard: z.array(RankRow).nullable(),
    playerCount: z.int(),
    /** Host only: everyone in the game. */
    players: z.array(PlayerEntry).optional(),
    /** Host only: answers in for the current question. */
    answered: z.int().optional(),
    /** Player only. `answerId` is set once they answered the current question. */
    you: z
      .object({
        id: z.string(),
        nickname: z.string(),
        score: z.int(),
        streak: z.int(),
        answerId: z.string().nullable(),
        result: PlayerResult.nullable(),
      })
      .optional(),
  }),
  z.object({ ...base, type: z.literal("joined"), player: PlayerEntry, playerCount: z.int() }),
  z.object({ ...base, type: z.literal("presence"), playerId: z.string(), connected: z.boolean() }),
  z.object({ ...base, type: z.literal("kicked"), playerId: z.string(), playerCount: z.int() }),
  z.object({ ...base, type: z.literal("question"), question: QuestionView, clock: Clock }),
  z.object({ ...base, type: z.literal("open"), question: z.int(), clock: Clock }),
  z.object({ ...base, type: z.literal("clock"), phase: Phase, clock: Clock }),
  z.object({ ...base, type: z.literal("progress"), question: z.int(), answered: z.int(), total: z.int() }),
  z.object({ ...base, type: z.literal("ack"), question: z.int(), answerId: z.string() }),
  z.object({ ...base, type: z.literal("reveal"), reveal: RevealView, clock: Clock }),
  z.object({ ...base, type: z.literal("result"), result: PlayerResult }),
  z.object({ ...base, type: z.literal("leaderboard"), question: z.int(), top: z.array(RankRow), clock: Clock }),
  z.object({ ...base, type: z.literal("podium"), top: z.array(RankRow), total: z.int() }),
  z.object({ ...base, type: z.literal("final"), rank: z.int(), score: z.int(), total: z.int() }),
  z.object({ ...base, type: z.literal("ended"), reason: z.enum(["finished", "host-ended", "abandoned"]) }),
  z.object({
    ...base,
    type: z.literal("error"),
    code: FrameErrorCode,
    message: z.string(),
    /** The `answerId` or command type the error is about. */
    ref: z.string().optional(),
  }),
]);
export type ServerFrame = z.infer<typeof ServerFrame>;
export type ServerFrameOf<T extends ServerFrame["type"]> = Extract<ServerFrame, { type: T }>;

/** Close codes the server uses (4000–4999 are ours). */
export const CLOSE = {
  kicked: 4003,
  replaced: 4001,
  ended: 4000,
  badTicket: 4401,
  unknownPlayer: 4404,
  /** The socket kept flooding after `rate-limited`. */
  rateLimited: 4429,
} as const;
