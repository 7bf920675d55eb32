import { z } from "zod";
import { QuestionType } from "./quiz";

/** One player's line in a report; `points[i]` is what they scored on question i (0 when not answered). */
export const ReportPlayer = z.object({
  rank: z.int(),
  playerId: z.string(),
  nickname: z.string(),
  identifier: z.string().nullable(),
  team: z.string().nullable(),
  score: z.int(),
  correct: z.int(),
  answered: z.int(),
  /** Mean server-measured response time over the player's answers, ms; null when they never answered. */
  avgResponseMs: z.int().nullable(),
  points: z.array(z.int()),
});
export type ReportPlayer = z.infer<typeof ReportPlayer>;

export const ReportQuestion = z.object({
  index: z.int(),
  text: z.string(),
  /** Question type (older archives: quiz or multi). */
  type: QuestionType,
  /** Tiles of choice questions; empty for type answer, slider and puzzle. */
  choices: z.array(z.string()),
  correct: z.array(z.int()),
  answered: z.int(),
  /** Share of the game's players who answered correctly (not answering counts as wrong), 0–100, one decimal. */
  percentCorrect: z.number(),
  /** Answers per choice, in `choices` order. */
  distribution: z.array(z.int()),
  avgResponseMs: z.int().nullable(),
});
export type ReportQuestion = z.infer<typeof ReportQuestion>;

/** `GET /api/reports/{gameId}`: a finished game's report. Times are epoch ms. */
export const GameReport = z.object({
  gameId: z.string(),
  pin: z.string(),
  title: z.string(),
  hostId: z.string(),
  startedAt: z.int().nullable(),
  endedAt: z.int(),
  reason: z.enum(["finished", "host-ended", "abandoned"]),
  /** Players by rank, ties by nickname. */
  players: z.array(ReportPlayer),
  questions: z.array(ReportQuestion),
  /** Up to 5 question indexes with the lowest % correct, hardest first. */
  difficult: z.array(z.int()),
});
export type GameReport = z.infer<typeof GameReport>;

export const ReportFormat = z.enum(["json", "csv", "xlsx"]);
export const ReportQuery = z.object({
  format: ReportFormat.default("json"),
  /** CSV only: which table (`players` or `questions`); XLSX has both as sheets. */
  table: z.enum(["players", "questions"]).default("players"),
});

/** One line of the host's game list. */
export const GameSummary = z.object({
  gameId: z.string(),
  pin: z.string(),
  title: z.string(),
  startedAt: z.int().nullable(),
  endedAt: z.int(),
  players: z.int(),
  questions: z.int(),
  winner: z.string().nullable(),
});
export type GameSummary = z.infer<typeof GameSummary>;

/** `GET /api/reports`: newest first; pass `next` back as `cursor` for the following page. */
export const GameList = z.object({ games: z.array(GameSummary), next: z.string().nullable() });
export type GameList = z.infer<typeof GameList>;

export const GameListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z
    .string()
    .regex(/^\d{1,15}:[\w-]{1,64}$/, "must be a `next` value from the previous page")
    .optional(),
});
