// `npm run bots -- --url http://127.0.0.1:8787 --quiz FILE --players N`
// Plays one game with scripted players and prints ONE line of JSON; exits 0 only if it was consistent.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { playGame } from "./bot-game";

const USAGE = `usage: npm run bots -- [options]
  --url URL               server to play against (default http://127.0.0.1:8787, or $QUIZ_URL)
  --quiz FILE             quiz file: our JSON or Open Trivia DB JSON (default test/fixtures/opentdb-sample.json)
  --players N             scripted players (default 20)
  --questions N           play only the first N questions
  --think-ms MS           longest think time before answering (default 1500)
  --silent-rate R         share of answers never sent, 0–1 (default 0.1)
  --join-concurrency N    players joining at once (default 50)
  --timeout S             give up after S seconds (default 900)
  -v, --verbose           progress on stderr
Prints one line of JSON and exits 0 when the game was consistent; 1 on an inconsistency or bad input, 2 on timeout.`;

function fail(message: string, code = 1): never {
  process.stderr.write(`bots: ${message}\n`);
  process.exit(code);
}

const options = {
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
    help: { type: "boolean", short: "h", default: false },
} as const;

let values: ReturnType<typeof parseArgs<{ options: typeof options }>>["values"];
try {
  ({ values } = parseArgs({ options }));
} catch (err) {
  fail(`${(err as Error).message}\n${USAGE}`);
}
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
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
