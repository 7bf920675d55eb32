// A random, valid answer for any question type, from what the player sees (the question view).
import type { ClientFrame, QuestionView } from "../../worker/protocol";

type Payload = Partial<Pick<Extract<ClientFrame, { type: "answer" }>, "choice" | "choices" | "text" | "value" | "order">>;

const int = (n: number) => Math.floor(Math.random() * n);

function shuffled(n: number): number[] {
  const xs = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = int(i + 1);
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}

/** Typed answers bots pick from: some are right for common quizzes, most are not. */
const WORDS = ["Paris", "42", "Malmö", "blue", "I don't know"];

export function randomAnswer(q: Pick<QuestionView, "type" | "choices" | "slider" | "items">): Payload {
  switch (q.type) {
    case "quiz":
    case "truefalse":
    case "poll":
      return { choice: int(Math.max(1, q.choices.length)) };
    case "multi": {
      const picks = shuffled(q.choices.length).slice(0, 1 + int(q.choices.length));
      return { choices: picks };
    }
    case "typeanswer":
      return { text: WORDS[int(WORDS.length)]! };
    case "slider": {
      const s = q.slider ?? { min: 0, max: 10, step: 1 };
      const steps = Math.floor((s.max - s.min) / s.step + 1e-9);
      return { value: Math.min(s.max, s.min + int(steps + 1) * s.step) };
    }
    case "puzzle":
      return { order: shuffled(q.items?.length ?? 0) };
  }
}
