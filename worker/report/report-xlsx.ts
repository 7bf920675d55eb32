// The library's "node" build: its zip step is synchronous (fflate's ZipDeflate), while the "universal"
// and "browser" builds compress large sheets in Web Workers, which workerd does not have.
// It needs node:stream/node:buffer/node:fs, which nodejs_compat provides.
import writeXlsxFile, { type Row, type SheetData } from "write-excel-file/node";
import type { Table } from "./tables";

const sheetData = (t: Table): SheetData => [
  t.header.map((h) => ({ value: h, fontWeight: "bold" as const })),
  // Cells are typed values, never formulas, so text from players cannot execute in Excel.
  ...t.rows.map((r): Row => r),
];

/** One workbook, a sheet per table, header row frozen. */
export async function toXlsx(tables: Table[]): Promise<ArrayBuffer> {
  const buffer = await writeXlsxFile(
    tables.map((t) => ({ data: sheetData(t), sheet: t.name === "players" ? "Players" : "Questions", stickyRowsCount: 1 })),
  ).toBuffer();
  return buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;
}
