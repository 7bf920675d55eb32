// `npm run cost -- --players 2000 --questions 20`: what one game costs on Cloudflare's Workers Paid
// plan, from the published unit prices below and the requests, messages and rows this design makes.
// Marginal cost: the monthly included allowances and the $5 subscription are left out.
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

/**
 * Unit prices in USD, Workers Paid, as published on developers.cloudflare.com (read 2026-12-03):
 * durable-objects/platform/pricing, workers/platform/pricing, queues/platform/pricing, d1/platform/pricing.
 */
export const PRICES = {
  workerRequestPerM: 0.3,
  workerCpuMsPerM: 0.02,
  doRequestPerM: 0.15,
  /** Incoming WebSocket messages are billed as requests at 20:1; outgoing ones are free. */
  wsMessagesPerRequest: 20,
  doGbSecondPerM: 12.5,
  /** Duration is billed for 128 MB per active object, whatever it uses. */
  doGb: 0.128,
  sqliteRowWrittenPerM: 1.0,
  sqliteRowReadPerM: 0.001,
  queueOpPerM: 0.4,
  /** A queue message is write + read + delete, each per 64 KB. */
  queueOpsPerMessage: 3,
  d1RowWrittenPerM: 1.0,
  d1RowReadPerM: 0.001,
} as const;

export interface GameShape {
  players: number;
  questions: number;
  /** Seconds per question from preview to leaderboard (a typical 20 s question: ~35 s). */
  secondsPerQuestion: number;
  /** Share of players who answer a question. */
  answerRate: number;
  /** The object's busy time per incoming event, ms (measured: ~0.5 ms per answer on 2 cores). */
  activeMsPerEvent: number;
}

export interface CostLine {
  item: string;
  units: number;
  usd: number;
}

const usd = (units: number, perM: number) => (units / 1e6) * perM;

export function gameCost(g: GameShape): { lines: CostLine[]; totalUsd: number; assumptions: string[] } {
  const n = g.players;
  const q = g.questions;
  const answers = Math.round(n * q * g.answerRate);
  const hostCommands = 2 * q + 3; // start, next ×2 per question, end
  // Worker: per player the join POST and the socket upgrade; the host signs in, creates, connects.
  const workerRequests = 2 * n + 3;
  // Objects: per join an IpLimiter RPC and a GameRoom RPC, per socket the upgrade; alarms: ~2 per question.
  const doRequests = 3 * n + 1 + 2 * q;
  const incomingMessages = answers + hostCommands;
  const wsBilled = incomingMessages / PRICES.wsMessagesPerRequest;
  // Duration, hibernation on: billed only while events run. Upper bound: awake the whole game.
  const events = doRequests + incomingMessages;
  const activeSec = (events * g.activeMsPerEvent) / 1000 + q * 0.5; // + reveals and broadcasts
  const wholeGameSec = q * g.secondsPerQuestion;
  // Room storage: a row per player, per answer, the changed score rows per reveal, a game row per phase change.
  const rowsWritten = n + answers + n * q + 6 * q + n; // last n: ranks at the podium
  const resultBytes = 180 * n * q; // measured: 7.4 MB for 2,000 × 30 (~120 B per answer, plus names)
  const d1Parts = Math.ceil(resultBytes / 1_500_000);
  const queueMessages = 1; // a reference when over 100 KB, else the result inline
  const d1RowsWritten = 2 * d1Parts + 2; // staged parts, archived parts, the games row, the failure row
  const lines: CostLine[] = [
    { item: "Worker requests", units: workerRequests, usd: usd(workerRequests, PRICES.workerRequestPerM) },
    { item: "Worker CPU ms (~2 ms per request: tickets, JWT)", units: 2 * workerRequests, usd: usd(2 * workerRequests, PRICES.workerCpuMsPerM) },
    { item: "Durable Object requests (RPC, upgrades, alarms)", units: doRequests, usd: usd(doRequests, PRICES.doRequestPerM) },
    { item: `incoming WebSocket messages (${incomingMessages} billed 20:1)`, units: wsBilled, usd: usd(wsBilled, PRICES.doRequestPerM) },
    { item: "Durable Object duration, GB-s (hibernating between events)", units: activeSec * PRICES.doGb, usd: usd(activeSec * PRICES.doGb, PRICES.doGbSecondPerM) },
    { item: "SQLite rows written in the room", units: rowsWritten, usd: usd(rowsWritten, PRICES.sqliteRowWrittenPerM) },
    { item: "SQLite rows read in the room (rebuilds, archive)", units: n * q + n, usd: usd(n * q + n, PRICES.sqliteRowReadPerM) },
    { item: "Queue operations", units: queueMessages * PRICES.queueOpsPerMessage, usd: usd(queueMessages * PRICES.queueOpsPerMessage, PRICES.queueOpPerM) },
    { item: "D1 rows written (archive)", units: d1RowsWritten, usd: usd(d1RowsWritten, PRICES.d1RowWrittenPerM) },
  ];
  const totalUsd = lines.reduce((a, l) => a + l.usd, 0);
  return {
    lines,
    totalUsd,
    assumptions: [
      `${answers} answers (${Math.round(g.answerRate * 100)}% of ${n} players × ${q} questions), ${hostCommands} host commands`,
      `duration: ${Math.round(activeSec)} s active; if the room never hibernated (${wholeGameSec} s awake) it would cost $${usd(wholeGameSec * PRICES.doGb, PRICES.doGbSecondPerM).toFixed(5)}`,
      "outgoing frames (questions, results, leaderboards) are not billed; auto-answered pings never wake the room",
      "marginal: the included monthly allowances and the $5/month Workers Paid fee are not subtracted",
    ],
  };
}

function main() {
  const { values } = parseArgs({
    options: {
      players: { type: "string", default: "2000" },
      questions: { type: "string", default: "20" },
      "seconds-per-question": { type: "string", default: "35" },
      "answer-rate": { type: "string", default: "0.9" },
      "active-ms-per-event": { type: "string", default: "0.5" },
    },
  });
  const shape: GameShape = {
    players: Number(values.players),
    questions: Number(values.questions),
    secondsPerQuestion: Number(values["seconds-per-question"]),
    answerRate: Number(values["answer-rate"]),
    activeMsPerEvent: Number(values["active-ms-per-event"]),
  };
  if (!Number.isInteger(shape.players) || shape.players < 1 || !Number.isInteger(shape.questions) || shape.questions < 1) {
    process.stderr.write("cost: --players and --questions must be positive integers\n");
    process.exit(2);
  }
  const c = gameCost(shape);
  const rows = c.lines.map((l) => `${l.item.padEnd(64)} ${String(Math.round(l.units * 100) / 100).padStart(10)}  $${l.usd.toFixed(5)}`);
  process.stdout.write(
    [`One game: ${shape.players} players × ${shape.questions} questions (Workers Paid, marginal)`, ...rows, `${"total".padEnd(64)} ${"".padStart(10)}  $${c.totalUsd.toFixed(4)}`, "", ...c.assumptions.map((a) => `- ${a}`), ""].join("\n"),
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) main();
