// What the reveal shows for each question type. Built once per reveal from the current answers.
import { choicesOf, correctChoices, type QuizQuestion, type RevealView } from "../protocol";
import { normaliseTyped } from "./answer-value";
import type { Answer } from "./state";

/** Most common typed answers listed in a type answer's reveal. */
export const TYPED_TOP = 10;

type Counts = Pick<RevealView, "counts" | "typed" | "slider" | "positions">;

function tally(q: QuizQuestion, answers: Iterable<Answer>): Counts {
  const counts = choicesOf(q).map(() => 0);
  switch (q.type) {
    case "quiz":
    case "truefalse":
    case "poll": {
      for (const a of answers) if (a.choice >= 0 && a.choice < counts.length) counts[a.choice]!++;
      return { counts };
    }
    case "multi": {
      for (const a of answers) for (const c of a.payload?.choices ?? []) if (c < counts.length) counts[c]!++;
      return { counts };
    }
    case "typeanswer": {
      const byText = new Map<string, number>();
      for (const a of answers) {
        const t = normaliseTyped(a.payload?.text ?? "", q);
        if (t) byText.set(t, (byText.get(t) ?? 0) + 1);
      }
      const typed = [...byText].map(([text, count]) => ({ text, count }));
      typed.sort((a, b) => b.count - a.count || a.text.localeCompare(b.text));
      return { counts, typed: typed.slice(0, TYPED_TOP) };
    }
    case "slider": {
      const byValue = new Map<number, number>();
      for (const a of answers) if (a.payload?.value !== undefined) byValue.set(a.payload.value, (byValue.get(a.payload.value) ?? 0) + 1);
      const histogram = [...byValue].map(([value, count]) => ({ value, count })).sort((a, b) => a.value - b.value);
      return { counts, slider: { correct: q.correct, tolerance: q.tolerance, histogram } };
    }
    case "puzzle": {
      const positions = q.items.map(() => 0);
      for (const a of answers) a.payload?.order?.forEach((item, pos) => { if (item === pos) positions[item]!++; });
      return { counts, positions };
    }
  }
}

export function buildReveal(q: QuizQuestion, index: number, answers: Map<string, Answer>, total: number): RevealView {
  let correctCount = 0;
  for (const a of answers.values()) if (a.correct) correctCount++;
  return {
    index,
    type: q.type,
    correct: correctChoices(q),
    answered: answers.size,
    total,
    correctCount,
    ...tally(q, answers.values()),
    ...(q.explanation ? { explanation: q.explanation } : {}),
    ...(q.type === "typeanswer" ? { accepted: q.accepted } : {}),
    ...(q.type === "puzzle" ? { solution: q.items } : {}),
  };
}
