// `npm run bots -- --url http://127.0.0.1:8787 --quiz FILE --players N`
// Plays one game with scripted players and prints ONE line of JSON; exits 0 only if it was consistent.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { playGame } from "./bot-game";

const { values } = parseArgs({
  options: {
    url: { type: "string", default: process.env.QUIZ_URL ?? `http://127.0.0.1:${process.env.PORT ?? "8787"}` },
    quiz: { type: "string", default: "test/fixtures/opentdb-sample.json" },
    players: { type: "string", default: "20" },
    questions: { type: "string" },
    "think-ms": { type: "string", default: "1500" },
    "silent-rate": { type: "string", default: "0.1" },
    "join-concurrency": { type: "string", default: "50" },
    timeout: { type: "string", default: "900" },
    verbose: { type: "boolean", short: "v", default: false },
    /** Import the file through the library (`POST /api/quizzes/import`) even when it is JSON. */
    import: { type: "boolean", default: false },
  },
});

function fail(message: string, code = 1): never {
  process.stderr.write(`bots: ${message}\n`);
  process.exit(code);
}

const int = (name: string, v: string | undefined, min: number) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) fail(`--${name} must be an integer ≥ ${min}`);
  return n;
};

/** `--questions N` keeps the first N questions of either file format. */
function trim(quiz: unknown, n: number | undefined): unknown {
  if (n === undefined || typeof quiz !== "object" || quiz === null) return quiz;
  const q = quiz as { questions?: unknown[]; results?: unknown[] };
  if (Array.isArray(q.questions)) return { ...q, questions: q.questions.slice(0, n) };
  if (Array.isArray(q.results)) return { ...q, results: q.results.slice(0, n) };
  return quiz;
}

// JSON files go inline as before; anything else (xlsx, CSV) is imported into the library first.
let quiz: unknown;
let bytes: Uint8Array = new Uint8Array();
try {
  bytes = new Uint8Array(readFileSync(values.quiz!));
} catch (err) {
  fail(`cannot read --quiz ${values.quiz}: ${(err as Error).message}`);
}
const isJson = /\.json$/i.test(values.quiz!) && !values.import;
if (isJson) {
  try {
    quiz = JSON.parse(new TextDecoder().decode(bytes));
  } catch (err) {
    fail(`cannot read --quiz ${values.quiz}: ${(err as Error).message}`);
  }
}

const timeoutSec = int("timeout", values.timeout, 1);
const timer = setTimeout(() => fail(`no podium after ${timeoutSec} s`, 2), timeoutSec * 1000);

const questions = values.questions === undefined ? undefined : int("questions", values.questions, 1);
playGame({
  url: values.url!,
  ...(isJson ? { quiz: trim(quiz, questions) } : { file: { bytes, name: basename(values.quiz!) }, ...(questions ? { questions } : {}) }),
  players: int("players", values.players, 1),
  thinkMs: int("think-ms", values["think-ms"], 0),
  silentRate: Number(values["silent-rate"]),
  joinConcurrency: int("join-concurrency", values["join-concurrency"], 1),
  log: values.verbose ? (m) => process.stderr.write(`${m}\n`) : undefined,
})
  .then((report) => {
    clearTimeout(timer);
    process.stdout.write(`${JSON.stringify(report)}\n`);
    process.exit(0);
  })
  .catch((err: Error) => fail(err.message));
