// One question of every type, shared by the scoring, shuffle and view tests.
import { Quiz, type QuizInput } from "../../worker/protocol/quiz";

export const ALL_TYPES_INPUT: QuizInput = {
  title: "Every type",
  description: "One question of each type",
  questions: [
    { type: "quiz", text: "Capital of France?", choices: ["Paris", "Lyon", "Nice", "Lille"], correct: [0], explanation: "Since 508." },
    { type: "multi", text: "Which are primes?", choices: ["2", "4", "5", "9"], correct: [0, 2] },
    { type: "truefalse", text: "The sun is a star.", correct: true, points: 2000 },
    { type: "typeanswer", text: "Largest city of Sweden's south?", accepted: ["Malmö", "Malmo"] },
    { type: "poll", text: "Tea or coffee?", choices: ["Tea", "Coffee", "Neither"] },
    { type: "slider", text: "Year the Berlin Wall fell?", min: 1900, max: 2000, step: 1, correct: 1989, tolerance: 4 },
    { type: "puzzle", text: "Order by size, smallest first", items: ["Ant", "Cat", "Horse", "Whale"], imageUrl: "https://example.com/a.png" },
  ],
};

export const allTypesQuiz = (): Quiz => Quiz.parse(ALL_TYPES_INPUT);
