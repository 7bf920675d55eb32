// `npm run bench -- --players 2000 --questions 5 [--baseline] [--server miniflare|wrangler] [--url URL]`
// Starts the server (unless --url), plays one measured game, prints ONE JSON object and writes it
// to bench-results/. Exit 1 when the game was inconsistent (lost answers, players missing).
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { benchGame, type GameBenchResult } from "./bench-game";
import { machine, pin, selfSample } from "./bench-proc";
import { startProfiler } from "./bench-profile";
import { remote, startBaseline, startMiniflare, startWranglerDev, type BenchServer } from "./bench-server";

/** The targets for 2,000 players on a 2-core machine with the bots on it. */
export const TARGETS = { allJoinedMs: 20_000, fanoutP99Ms: 150, ackP99Ms: 50, baselineRatio: 2 };

const { values } = parseArgs({
  options: {
    players: { type: "string", default: "200" },
    questions: { type: "string", default: "5" },
    warmup: { type: "string", default: "1" },
    url: { type: "string" },
    server: { type: "string", default: "miniflare" },
    baseline: { type: "boolean", default: false },
    threads: { type: "string", default: "2" },
    "think-ms": { type: "string", default: "2000" },
    "join-concurrency": { type: "string", default: "32" },
    /** Write a CPU profile of the Worker isolate (Miniflare only) to this file and add a summary. */
    profile: { type: "string" },
    /** Bundle the Worker from another checkout (e.g. main) for a before/after on the same machine. */
    "worker-root": { type: "string" },
    /** Keep the rooms' SQLite files in this directory (default: Miniflare's, on /tmp). */
    "storage-dir": { type: "string" },
    out: { type: "string", default: "bench-results" },
    /** Leave the CPUs alone (by default the server runs on CPU 0 and this process on CPU 1). */
    "no-pin": { type: "boolean", default: false },
    verbose: { type: "boolean", short: "v", default: false },
  },
});

const int = (name: string, min: number) => {
  const n = Number(values[name as keyof typeof values]);
  if (!Number.isInteger(n) || n < min) {
    process.stderr.write(`bench: --${name} must be an integer ≥ ${min}\n`);
    process.exit(2);
  }
  return n;
};

const log = values.verbose ? (m: string) => process.stderr.write(`[bench] ${m}\n`) : () => {};
const players = int("players", 1);
const common = {
  players,
  questions: int("questions", 1),
  warmup: int("warmup", 0),
  threads: int("threads", 1),
  thinkMs: int("think-ms", 0),
  joinConcurrency: int("join-concurrency", 1),
  log,
};

interface Measured extends GameBenchResult {
  server: { path: string; cpuSec: number | null; peakRssMb: number | null; processes: string[]; pinned: string };
  client: { cpuSec: number; peakRssMb: number };
  wallSec: number;
}

// Server on CPU 0, the host and bot threads on CPU 1, as the architecture guide's table was measured.
const pinnable = !values["no-pin"] && machine().cores >= 2;
if (pinnable) pin([process.pid], 1); // threads started later inherit it

async function measure(server: BenchServer): Promise<Measured & { profile?: unknown }> {
  const pinned = pinnable && pin(server.pids(), 0);
  const profiler = server.inspectorPort ? await startProfiler(server.inspectorPort, "quiz-live") : null;
  const s0 = server.stats();
  const c0 = selfSample();
  const t0 = performance.now();
  try {
    const game = await benchGame({ ...common, url: server.url, serverCpu: () => server.stats()?.cpuSec ?? null });
    const s1 = server.stats();
    const c1 = selfSample();
    const profile = profiler && values.profile ? await profiler.stop(values.profile) : undefined;
    return {
      ...(profile ? { profile } : {}),
      ...game,
      server: {
        path: server.path === "url" ? `url ${server.url}` : server.path === "miniflare" ? "miniflare (Miniflare API, one workerd)" : "wrangler dev",
        ...(values["worker-root"] ? { workerRoot: values["worker-root"] } : {}),
        ...(values["storage-dir"] ? { storageDir: values["storage-dir"] } : {}),
        cpuSec: s0 && s1 ? Math.round((s1.cpuSec - s0.cpuSec) * 100) / 100 : null,
        peakRssMb: s1?.peakRssMb ?? null,
        processes: s1?.names ?? [],
        pinned: pinned ? "cpu 0 (client: cpu 1)" : "no",
      },
      client: { cpuSec: Math.round((c1.cpuSec - c0.cpuSec) * 100) / 100, peakRssMb: c1.peakRssMb },
      wallSec: Math.round((performance.now() - t0) / 100) / 10,
    };
  } finally {
    await server.stop();
  }
}

async function start(): Promise<BenchServer> {
  if (values.url) return remote(values.url);
  const inspectorPort = values.profile ? 9229 + Math.floor(Math.random() * 500) : undefined;
  if (values.server === "wrangler") return startWranglerDev({ players });
  if (values.server !== "miniflare") throw new Error(`--server must be miniflare or wrangler`);
  return startMiniflare({ players, ...(inspectorPort ? { inspectorPort } : {}), ...(values["worker-root"] ? { root: values["worker-root"] } : {}),
    ...(values["storage-dir"] ? { storageDir: values["storage-dir"] } : {}),
  });
}

const machineBefore = machine();
const game = await measure(await start());
log(`game done: fan-out p99 ${game.fanoutMs.p99} ms`);
const baseline = values.baseline ? await measure(await startBaseline()) : null;
const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 100) / 100 : null);
const fanoutVsBaseline = baseline
  ? { p50: ratio(game.fanoutMs.p50, baseline.fanoutMs.p50), p99: ratio(game.fanoutMs.p99, baseline.fanoutMs.p99) }
  : null;
const ok = game.problems.length === 0 && game.answers.lost === 0 && game.players === players;
const report = {
  date: new Date().toISOString(),
  machine: { ...machineBefore, loadBefore: machineBefore.load, loadAfter: machine().load },
  ...game,
  baseline: baseline && {
    players: baseline.players,
    fanoutMs: baseline.fanoutMs,
    ackMs: baseline.ackMs,
    join: baseline.join,
    perPlayerPerQuestion: baseline.perPlayerPerQuestion,
    answers: baseline.answers,
    serverCpuMs: baseline.serverCpuMs,
    server: baseline.server,
    client: baseline.client,
  },
  fanoutVsBaseline,
  targets: {
    allJoinedWithin20s: game.join.allJoinedMs <= TARGETS.allJoinedMs,
    fanoutP99Within150ms: game.fanoutMs.p99 <= TARGETS.fanoutP99Ms,
    ackP99Within50ms: game.ackMs.p99 <= TARGETS.ackP99Ms,
    noLostAnswer: game.answers.lost === 0 && game.answers.counted === game.answers.sent,
    fanoutWithin2xBaseline: fanoutVsBaseline ? (fanoutVsBaseline.p99 ?? Infinity) <= TARGETS.baselineRatio : null,
  },
  consistent: ok,
};
delete (report.machine as { load?: number[] }).load;
const json = JSON.stringify(report);
process.stdout.write(`${json}\n`);
mkdirSync(values.out!, { recursive: true });
const file = path.join(values.out!, `bench-${report.date.replace(/[:.]/g, "-")}-${players}p-${game.server.path.split(" ")[0]}.json`);
writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
log(`written to ${file}`);
process.exit(ok ? 0 : 1);
