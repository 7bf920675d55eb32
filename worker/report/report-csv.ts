import { stringify } from "csv-stringify/sync";
import type { Table } from "./tables";

/**
 * RFC 4180 CSV (CRLF, quotes doubled, fields with commas/quotes/newlines quoted) with a UTF-8 BOM
 * so spreadsheet apps detect the encoding. Text starting with = + - @ tab or CR gets a leading `'`
 * so a nickname cannot run as a formula when the file is opened (CSV injection).
 */
export function toCsv(t: Table): string {
  return stringify([t.header, ...t.rows], {
    bom: true,
    record_delimiter: "windows",
    escape_formulas: true,
    cast: { number: (n) => String(n) },
  });
}
