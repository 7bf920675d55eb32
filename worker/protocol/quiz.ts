import { z } from "zod";

/** Limits shared by the importers, the game and the web editor. */
export const LIMITS = {
  titleMax: 120,
  descriptionMax: 500,
  /** Kahoot caps questions at 120 characters; real quizzes run longer, so we allow more. */
  questionTextMax: 500,
  choiceTextMax: 300,
  choicesMin: 2,
  choicesMax: 6,
  questionsMin: 1,
  questionsMax: 100,
  timeLimitMinSec: 5,
  timeLimitMaxSec: 240,
  nicknameMax: 20,
} as const;

export const POINTS = [0, 1000, 2000] as const;

const text = (max: number) => z.string().trim().min(1, "must not be empty").max(max);

export const QuizQuestion = z
  .object({
    text: text(LIMITS.questionTextMax),
    choices: z.array(text(LIMITS.choiceTextMax)).min(LIMITS.choicesMin).max(LIMITS.choicesMax),
    /** 0-based indexes into `choices`; more than one means any of them counts as correct. */
    correct: z.array(z.int().min(0)).min(1, "needs at least one correct choice"),
    /** Seconds players have to answer, 5–240. */
    timeLimitSec: z.int().min(LIMITS.timeLimitMinSec).max(LIMITS.timeLimitMaxSec).default(20),
    /** Base points for a correct answer: 0, 1000 (standard) or 2000 (double). */
    points: z.union([z.literal(0), z.literal(1000), z.literal(2000)]).default(1000),
  })
  .superRefine((q, ctx) => {
    q.correct.forEach((c, i) => {
      if (c >= q.choices.length)
        ctx.addIssue({ code: "custom", path: ["correct", i], message: `choice ${c} does not exist` });
    });
    if (new Set(q.correct).size !== q.correct.length)
      ctx.addIssue({ code: "custom", path: ["correct"], message: "lists a choice twice" });
  });
export type QuizQuestion = z.infer<typeof QuizQuestion>;

/** Our own quiz format (what `POST /api/games` takes as `quiz`). */
export const Quiz = z.object({
  title: text(LIMITS.titleMax),
  description: z.string().trim().max(LIMITS.descriptionMax).optional(),
  questions: z.array(QuizQuestion).min(LIMITS.questionsMin).max(LIMITS.questionsMax),
});
export type Quiz = z.infer<typeof Quiz>;
export type QuizInput = z.input<typeof Quiz>;
