// Reading spreadsheets into rows of cells, in workerd and Node alike: read-excel-file's universal
// build (fflate + a JS XML parser, no Node streams, no Web Workers) and csv-parse's sync parser.
import { parse } from "csv-parse/sync";
import readXlsxFile from "read-excel-file/universal";
import type { Cell } from "./kahoot-sheet";

/** The first sheet's rows (row 1 first). Throws on a file that is not an xlsx workbook. */
export async function readXlsxRows(bytes: Uint8Array): Promise<Cell[][]> {
  const copy = bytes.slice().buffer;
  const sheets = await readXlsxFile(copy);
  const first = sheets[0];
  return first ? (first.data as Cell[][]) : [];
}

/**
 * CSV text → rows. The delimiter (`,`, `;` or tab) is the one that appears most in the first lines
 * (not just the first: template exports start with empty instruction rows).
 */
export function readCsvRows(text: string): Cell[][] {
  const head = text.slice(0, 4000);
  const count = (d: string) => head.split(d).length - 1;
  const delimiter = [",", ";", "\t"].reduce((best, d) => (count(d) > count(best) ? d : best), ",");
  return parse(text, { delimiter, bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false }) as Cell[][];
}
