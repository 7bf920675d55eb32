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
  /** Type answer: accepted answers per question, and the longest answer a player may type. */
  acceptedMax: 10,
  typedTextMax: 75,
  puzzleItemsMin: 3,
  puzzleItemsMax: 6,
  explanationMax: 500,
  imageUrlMax: 2048,
  /** Slider: values stay within ±1e9 and a slider has at most 10,000 steps. */
  sliderAbsMax: 1_000_000_000,
  sliderStepsMax: 10_000,
} as const;

export const POINTS = [0, 1000, 2000] as const;

export const QUESTION_TYPES = ["quiz", "multi", "truefalse", "typeanswer", "poll", "slider", "puzzle"] as const;
export const QuestionType = z.enum(QUESTION_TYPES);
export type QuestionType = z.infer<typeof QuestionType>;
/** Types answered by picking tiles (`choice` or `choices`). */
export const CHOICE_TYPES: readonly QuestionType[] = ["quiz", "multi", "truefalse", "poll"];

const text = (max: number) => z.string().trim().min(1, "must not be empty").max(max);

const HttpsUrl = z
  .string()
  .trim()
  .max(LIMITS.imageUrlMax)
  .refine((s) => /^https:\/\/[^\s/]+\.[^\s]+$/i.test(s), "must be an https:// URL");

/** Fields every question type has. */
const common = {
  text: text(LIMITS.questionTextMax),
  /** Seconds players have to answer, 5–240. */
  timeLimitSec: z.int().min(LIMITS.timeLimitMinSec).max(LIMITS.timeLimitMaxSec).default(20),
  /** Base points for a right answer: 0, 1000 (standard) or 2000 (double). */
  points: z.union([z.literal(0), z.literal(1000), z.literal(2000)]).default(1000),
  /** Shown with the question (https only; loaded by the players' browsers). */
  imageUrl: HttpsUrl.optional(),
  /** Shown to everyone after the reveal, never before. */
  explanation: text(LIMITS.explanationMax).optional(),
};

const choices = z.array(text(LIMITS.choiceTextMax)).min(LIMITS.choicesMin).max(LIMITS.choicesMax);
/** 0-based indexes into `choices`. */
const correctIndexes = z.array(z.int().min(0)).min(1, "needs at least one correct choice");

function checkIndexes(q: { choices: string[]; correct: number[] }, ctx: z.RefinementCtx) {
  q.correct.forEach((c, i) => {
    if (c >= q.choices.length) ctx.addIssue({ code: "custom", path: ["correct", i], message: `choice ${c} does not exist` });
  });
  if (new Set(q.correct).size !== q.correct.length) ctx.addIssue({ code: "custom", path: ["correct"], message: "lists a choice twice" });
}

/** Single answer: exactly one correct choice. */
export const QuizChoiceQuestion = z
  .object({ type: z.literal("quiz"), ...common, choices, correct: correctIndexes.max(1, "a quiz question has exactly one correct choice; use multi") })
  .superRefine(checkIndexes);

/** Multi-select: players pick any number of tiles. Scoring: see `scoreMulti`. */
export const MultiQuestion = z.object({ type: z.literal("multi"), ...common, choices, correct: correctIndexes }).superRefine(checkIndexes);

/** True/false: players see "True" and "False" (in their language). */
export const TrueFalseQuestion = z.object({ type: z.literal("truefalse"), ...common, correct: z.boolean() });

/** Type answer: right when the typed text matches one accepted answer (trimmed, spaces collapsed). */
export const TypeAnswerQuestion = z.object({
  type: z.literal("typeanswer"),
  ...common,
  accepted: z.array(text(LIMITS.typedTextMax)).min(1, "needs at least one accepted answer").max(LIMITS.acceptedMax),
  /** Default false: "paris" matches "Paris". */
  caseSensitive: z.boolean().default(false),
  /** Default false: "Malmo" matches "Malmö". */
  accentSensitive: z.boolean().default(false),
});

/** Poll: no right answer, always 0 points; the distribution is shown. */
export const PollQuestion = z.object({ type: z.literal("poll"), ...common, points: z.literal(0).default(0), choices });

const sliderNumber = z.number().min(-LIMITS.sliderAbsMax).max(LIMITS.sliderAbsMax);

/** Slider: pick a number in [min, max] on the step grid. Scoring: see `scoreSlider`. */
export const SliderQuestion = z
  .object({
    type: z.literal("slider"),
    ...common,
    min: sliderNumber,
    max: sliderNumber,
    step: z.number().positive().default(1),
    correct: sliderNumber,
    /** Answers at most this far from `correct` count as right (0 = exact only). */
    tolerance: z.number().min(0).default(0),
  })
  .superRefine((q, ctx) => {
    if (q.max <= q.min) return void ctx.addIssue({ code: "custom", path: ["max"], message: "must be greater than min" });
    const steps = (q.max - q.min) / q.step;
    if (steps > LIMITS.sliderStepsMax)
      ctx.addIssue({ code: "custom", path: ["step"], message: `at most ${LIMITS.sliderStepsMax} steps between min and max` });
    if (q.correct < q.min || q.correct > q.max) ctx.addIssue({ code: "custom", path: ["correct"], message: "must be between min and max" });
    else if (!onGrid(q, q.correct)) ctx.addIssue({ code: "custom", path: ["correct"], message: "must be min plus a whole number of steps" });
  });

/** Whether `value` is `min + k × step` for a whole k (within float noise). */
export function onGrid(q: { min: number; step: number }, value: number): boolean {
  const k = (value - q.min) / q.step;
  return Math.abs(k - Math.round(k)) < 1e-6;
}

/** Puzzle: `items` in the right order; players see them shuffled and put them in order. */
export const PuzzleQuestion = z.object({
  type: z.literal("puzzle"),
  ...common,
  items: z.array(text(LIMITS.choiceTextMax)).min(LIMITS.puzzleItemsMin).max(LIMITS.puzzleItemsMax),
});

const TypedQuestion = z.discriminatedUnion("type", [
  QuizChoiceQuestion,
  MultiQuestion,
  TrueFalseQuestion,
  TypeAnswerQuestion,
  PollQuestion,
  SliderQuestion,
  PuzzleQuestion,
]);

/**
 * Quizzes written before question types had no `type`: `{text, choices, correct: number[]}`.
 * They read as `quiz` with one correct index and as `multi` with several.
 */
function withType(raw: unknown): unknown {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw) || "type" in raw) return raw;
  const correct = (raw as { correct?: unknown }).correct;
  return { ...raw, type: Array.isArray(correct) && correct.length > 1 ? "multi" : "quiz" };
}

export const QuizQuestion = z.preprocess(withType, TypedQuestion);
export type QuizQuestion = z.infer<typeof TypedQuestion>;
export type QuestionOf<T extends QuestionType> = Extract<QuizQuestion, { type: T }>;
/** A question as written in a file (defaults not yet applied). */
export type QuizQuestionInput = z.input<typeof TypedQuestion>;

/** Our own quiz format (what `POST /api/games` takes as `quiz`, and what export writes). */
export const Quiz = z.object({
  title: text(LIMITS.titleMax),
  description: z.string().trim().max(LIMITS.descriptionMax).optional(),
  /** Shuffle the choice tiles of every question when a game starts. Default true. */
  shuffleAnswers: z.boolean().default(true),
  /** Play the questions in a random order. Default false. */
  shuffleQuestions: z.boolean().default(false),
  questions: z.array(QuizQuestion).min(LIMITS.questionsMin).max(LIMITS.questionsMax),
});
export type Quiz = z.infer<typeof Quiz>;
export type QuizInput = Omit<z.input<typeof Quiz>, "questions"> & { questions: QuizQuestionInput[] };

/** The choices players see for a question (true/false as fixed labels the client may translate). */
export function choicesOf(q: QuizQuestion): string[] {
  switch (q.type) {
    case "quiz":
    case "multi":
    case "poll":
      return q.choices;
    case "truefalse":
      return ["True", "False"];
    default:
      return [];
  }
}

/** Correct choice indexes of a choice question (true/false: 0 = True, 1 = False); [] for other types. */
export function correctChoices(q: QuizQuestion): number[] {
  switch (q.type) {
    case "quiz":
    case "multi":
      return q.correct;
    case "truefalse":
      return [q.correct ? 0 : 1];
    default:
      return [];
  }
}
