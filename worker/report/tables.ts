import type { GameReport } from "../protocol";

/** Plain cell values, shared by the CSV and XLSX writers so both show the same table. */
export type Cell = string | number | null;
export interface Table {
  name: "players" | "questions";
  header: string[];
  rows: Cell[][];
}

const choiceLetter = (i: number) => String.fromCharCode(65 + i);

export function playersTable(r: GameReport): Table {
  const header = ["Rank", "Nickname", "Identifier", "Team", "Score", "Correct", "Answered", "Avg response ms", ...r.questions.map((q) => `Q${q.index + 1} points`)];
  const rows = r.players.map((p) => [p.rank, p.nickname, p.identifier, p.team, p.score, p.correct, p.answered, p.avgResponseMs, ...p.points]);
  return { name: "players", header, rows };
}

export function questionsTable(r: GameReport): Table {
  const maxChoices = Math.max(0, ...r.questions.map((q) => q.choices.length));
  const letters = Array.from({ length: maxChoices }, (_, i) => choiceLetter(i));
  const header = ["Question", "Text", "Correct", "% correct", "Answered", "Avg response ms", "Difficult", ...letters.map((l) => `Answers ${l}`)];
  const rows = r.questions.map((q) => [
    q.index + 1,
    q.text,
    q.correct.map(choiceLetter).join(" "),
    q.percentCorrect,
    q.answered,
    q.avgResponseMs,
    r.difficult.includes(q.index) ? "yes" : "",
    ...letters.map((_, i) => q.distribution[i] ?? null),
  ]);
  return { name: "questions", header, rows };
}
