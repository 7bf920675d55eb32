import writeXlsxFile, { type Row, type SheetData } from "write-excel-file/universal";
import type { Table } from "./tables";

const sheetData = (t: Table): SheetData => [
  t.header.map((h) => ({ value: h, fontWeight: "bold" as const })),
  // Cells are typed values, never formulas, so text from players cannot execute in Excel.
  ...t.rows.map((r): Row => r.map((v) => (v === null ? null : v))),
];

/** One workbook, a sheet per table, header row frozen. */
export async function toXlsx(tables: Table[]): Promise<ArrayBuffer> {
  const blob = await writeXlsxFile(
    tables.map((t) => ({ data: sheetData(t), sheet: t.name === "players" ? "Players" : "Questions", stickyRowsCount: 1 })),
  ).toBlob();
  return blob.arrayBuffer();
}
