// Export to Kahoot's quiz spreadsheet template: instructions in rows 1–7, the header in row 8
// (columns B–H, plus Answer 5–6 when a question has them), one question per row from row 9.
import writeXlsxFile, { type Row } from "write-excel-file/node";
import { choicesOf, correctChoices, type Quiz } from "../protocol/quiz";

/** Types the template can hold; the others (type answer, poll, slider, puzzle) are left out and listed. */
const EXPORTABLE = new Set(["quiz", "multi", "truefalse"]);

export interface KahootExport {
  xlsx: ArrayBuffer;
  /** 1-based numbers of questions the template cannot hold. */
  skipped: number[];
}

export async function toKahootXlsx(quiz: Quiz): Promise<KahootExport> {
  const kept = quiz.questions.map((q, i) => ({ q, n: i + 1 })).filter(({ q }) => EXPORTABLE.has(q.type));
  const skipped = quiz.questions.flatMap((q, i) => (EXPORTABLE.has(q.type) ? [] : [i + 1]));
  const answers = Math.max(4, ...kept.map(({ q }) => choicesOf(q).length));
  const blank = (): Row => [null];
  const header: Row = [
    null,
    "Question - max 120 characters",
    ...Array.from({ length: answers }, (_, i) => `Answer ${i + 1} - max 75 characters`),
    "Time limit (sec) – 5, 10, 20, 30, 60, 90, 120, or 240 secs",
    "Correct answer(s) - choose at least one",
  ].map((v) => (v === null ? null : { value: v, fontWeight: "bold" as const }));
  const rows: Row[] = [
    blank(),
    [null, { value: "Quiz template" }],
    [null, { value: `${quiz.title} — exported from Quiz Live` }],
    blank(),
    [null, { value: "Add questions, at least two answer alternatives, time limit and choose correct answers (at least one)." }],
    blank(),
    blank(),
    header,
    ...kept.map(({ q }, row): Row => {
      const choices = choicesOf(q);
      // Cells are typed values, never formulas.
      return [
        { value: row + 1 },
        { value: q.text, type: String },
        ...Array.from({ length: answers }, (_, i) => (choices[i] === undefined ? null : { value: choices[i]!, type: String })),
        { value: q.timeLimitSec },
        { value: correctChoices(q).map((c) => c + 1).join(","), type: String },
      ];
    }),
  ];
  const buffer = await writeXlsxFile(rows, { sheet: "Sheet1" }).toBuffer();
  return { xlsx: buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer, skipped };
}
