// Turns a JSON report into the rows a CSV or XLSX export must hold, and parses exports back.
import { expect } from "vitest";
import { parse } from "csv-parse/sync";
import readXlsxFile from "read-excel-file/universal";
import type { GameReport } from "../../worker/protocol";

/** What a spreadsheet shows for text that could start a formula (our CSV writer prefixes a `'`). */
export const guarded = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);

export const expectedPlayers = (r: GameReport) =>
  r.players.map((p) => [p.rank, p.nickname, p.identifier, p.team, p.score, p.correct, p.answered, p.avgResponseMs, ...p.points]);

export const expectedQuestions = (r: GameReport) => {
  const width = Math.max(...r.questions.map((q) => q.choices.length));
  return r.questions.map((q) => [
    q.index + 1,
    q.text,
    q.correct.map((c) => String.fromCharCode(65 + c)).join(" "),
    q.percentCorrect,
    q.answered,
    q.avgResponseMs,
    r.difficult.includes(q.index) ? "yes" : "",
    // Questions with fewer choices leave the last answer columns empty.
    ...Array.from({ length: width }, (_, i) => q.distribution[i] ?? null),
  ]);
};

/** CSV cells are text: numbers as written, null as empty, formula-looking text guarded. */
export const asCsvCells = (rows: (string | number | null)[][]) =>
  rows.map((row) => row.map((v) => (v === null ? "" : typeof v === "number" ? String(v) : guarded(v))));

/** Parses a CSV response; it must start with a UTF-8 BOM so spreadsheet apps pick the encoding. */
export async function parseCsv(res: Response): Promise<string[][]> {
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return parse(new TextDecoder().decode(bytes), { bom: true, relax_column_count: true });
}

/** XLSX cells: typed values; empty cells come back as null and trailing ones are dropped. */
export async function parseXlsx(data: ArrayBuffer) {
  const sheets = await readXlsxFile(data);
  return Object.fromEntries(sheets.map((s) => [s.sheet, s.data])) as Record<string, unknown[][]>;
}

export const asXlsxCells = (rows: (string | number | null)[][]) => rows.map((row) => row.map((v) => (v === "" ? null : v)));
