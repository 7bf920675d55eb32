// Any uploaded quiz file → a validated quiz: our JSON, Open Trivia DB, other apps' JSON, the Kahoot
// xlsx template, or CSV with its columns. Never throws; errors name where and why.
import { Quiz } from "../protocol/quiz";
import { importQuiz, type ImportResult } from "./import-quiz";
import { fromKahootRows } from "./kahoot-sheet";
import { convertOther, detectOther, OTHER_NAMES } from "./other-apps";
import { isRecord, zodErrors } from "./opentdb";
import { readCsvRows, readXlsxRows } from "./sheet-readers";

export type FileFormat = "native" | "opentdb" | "rahoot" | "classquiz" | "kahoot-api" | "xlsx" | "csv";
export type FileImport = (ImportResult & { format?: FileFormat }) ;

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const fail = (path: string, message: string): FileImport => ({ ok: false, errors: [{ path, message }] });

/** A title from the file name: "kahoot-quiz.xlsx" → "kahoot-quiz". */
const titleFrom = (filename?: string) => (filename ?? "").replace(/^.*[\\/]/, "").replace(/\.[a-z0-9]+$/i, "").trim() || "Imported quiz";

export async function importFile(bytes: Uint8Array, opts: { filename?: string; contentType?: string } = {}): Promise<FileImport> {
  const name = (opts.filename ?? "").toLowerCase();
  const type = (opts.contentType ?? "").toLowerCase();
  const saysXlsx = name.endsWith(".xlsx") || type.includes("spreadsheetml");
  if (bytes.length === 0) return fail("", "the file is empty");
  try {
    if (isZip(bytes)) {
      const rows = await readXlsxRows(bytes).catch(() => null);
      if (!rows) return fail("", "the file is a zip archive but not a readable .xlsx workbook");
      return { ...fromKahootRows(rows, titleFrom(opts.filename)), format: "xlsx" };
    }
    if (saysXlsx)
      return fail("", "not an .xlsx workbook: the file is not a zip archive (is it text saved with an .xlsx name? Export it from Excel or Google Sheets as .xlsx, or save it as .csv)");
    const text = new TextDecoder("utf-8").decode(bytes);
    const trimmed = text.replace(/^\uFEFF/, "").trimStart();
    if (trimmed.startsWith("{") || trimmed.startsWith("[")) return notUtf8(bytes, text) ?? importJson(trimmed);
    return { ...fromKahootRows(readCsvRows(text), titleFrom(opts.filename)), format: "csv" };
  } catch (e) {
    return fail("", `could not read the file: ${e instanceof Error ? e.message : String(e)}`);
  }
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/** JSON must be UTF-8 (RFC 8259): bytes that are not are refused, never saved as U+FFFD. */
function notUtf8(bytes: Uint8Array, lenient: string): FileImport | null {
  try {
    strictUtf8.decode(bytes);
    return null;
  } catch {
    const at = lenient.indexOf("\uFFFD");
    const line = at < 0 ? 1 : lenient.slice(0, at).split("\n").length;
    return fail("", `not UTF-8 text: line ${line} has bytes that are not UTF-8 (save the file as UTF-8)`);
  }
}

function importJson(text: string): FileImport {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (e) {
    return fail("", `not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const other = detectOther(input);
  if (other === "rahoot-multilang") return fail("questions.0.languageData", `${OTHER_NAMES[other]} is not supported: export one language as plain Rahoot JSON`);
  if (other && isRecord(input)) {
    const parsed = Quiz.safeParse(convertOther(other, input));
    return parsed.success
      ? { ok: true, quiz: parsed.data, format: other }
      : { ok: false, errors: zodErrors(parsed.error.issues).map((e) => ({ ...e, message: `${e.message} (${OTHER_NAMES[other]})` })) };
  }
  const result = importQuiz(input);
  const format = isRecord(input) && Array.isArray(input.results) ? "opentdb" : "native";
  return { ...result, format };
}
