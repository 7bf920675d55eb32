// `npm run soak -- --games 30 --players 20`: games back to back through one dev server. Afterwards
// the rooms must be gone (idle cleanup shortened to a few seconds for this server), every game
// archived, and workerd's memory and open sockets back where they were after the warm-up.
// Prints one line of JSON; exits 1 when something was left behind or memory grew.
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { parseArgs } from "node:util";
import { playGame } from "./bot-game";
import WebSocket from "ws";
import { freePort, startDevServer, type DevServer } from "./dev-server";

const { values } = parseArgs({
  options: {
    games: { type: "string", default: "30" },
    players: { type: "string", default: "20" },
    questions: { type: "string", default: "3" },
    warmup: { type: "string", default: "3" },
    /**
     * Allowed workerd RSS growth per game over the second half of the run, in MB. Total growth
     * since the warm-up is reported but not judged: workerd's native memory rises for dozens of
     * games under any Durable Object (a bare one too, README "Reliability") and is not given back
     * when idle objects are evicted, so only a growth rate that does not slow down means a leak.
     */
    "max-mb-per-game": { type: "string", default: "1" },
    /** Seconds to stay idle at the end before the last sample: workerd evicts idle objects after ~1-2 min. */
    rest: { type: "string", default: "120" },
  },
});
const games = Number(values.games);
const warmup = Math.min(Number(values.warmup), games);
const IDLE_SEC = 3;

/** workerd processes of the dev server (same process group). */
function workerdPids(group: number): number[] {
  const pids: number[] = [];
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8").trim();
      const [, comm = "", rest = ""] = /^\d+ \((.*)\) (.*)$/.exec(stat) ?? [];
      if (comm === "workerd" && Number(rest.split(" ")[2]) === group) pids.push(Number(d));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

function sample(group: number) {
  let rssKb = 0;
  let sockets = 0;
  for (const pid of workerdPids(group)) {
    rssKb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      try {
        if (readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith("socket:")) sockets++;
      } catch {
        // closed meanwhile
      }
    }
  }
  return { rssMb: Math.round(rssKb / 102.4) / 10, sockets };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The Worker isolate's V8 heap in use, through wrangler dev's inspector (0 when unavailable). */
async function heapSampler(port: number): Promise<() => Promise<number>> {
  try {
    const [target] = (await (await fetch(`http://127.0.0.1:${port}/json`)).json()) as { webSocketDebuggerUrl: string }[];
    const ws = new WebSocket(target!.webSocketDebuggerUrl);
    await new Promise((r, j) => (ws.once("open", r), ws.once("error", j)));
    let id = 0;
    return () =>
      new Promise<number>((resolve) => {
        const mine = ++id;
        const t = setTimeout(() => resolve(0), 3000);
        const on = (d: WebSocket.RawData) => {
          const m = JSON.parse(String(d)) as { id?: number; result?: { usedSize: number } };
          if (m.id !== mine) return;
          ws.off("message", on);
          clearTimeout(t);
          resolve(Math.round((m.result?.usedSize ?? 0) / 104_857.6) / 10);
        };
        ws.on("message", on);
        ws.send(JSON.stringify({ id: mine, method: "Runtime.getHeapUsage" }));
      });
  } catch {
    return async () => 0;
  }
}

async function main() {
  const inspector = await freePort();
  const server: DevServer = await startDevServer({ vars: {
      JOINS_PER_IP_PER_MINUTE: "100000",
      // The final check looks up every PIN and expects 404s, which count as wrong PINs.
      WRONG_PINS_PER_IP_PER_MINUTE: "100000",
      IDLE_CLEANUP_SEC: String(IDLE_SEC),
    },
    args: ["--inspector-port", String(inspector)], });
  const problems: string[] = [];
  try {
    const quiz = JSON.parse(readFileSync("test/fixtures/opentdb-sample.json", "utf8")) as { results: unknown[] };
    const small = { ...quiz, results: quiz.results.slice(0, Number(values.questions)) };
    const heap = await heapSampler(inspector);
    const heapMb: Record<string, number | number[]> = { start: await heap() };
    const heapTrend: number[] = [];
    const start = sample(server.pid);
    if (start.rssMb === 0) throw new Error("no workerd process found in the dev server's process group");
    let afterWarmup = start;
    const pins: string[] = [];
    let answers = 0;
    const trend: number[] = [];
    const perGame: number[] = [];
    const t0 = Date.now();
    for (let g = 0; g < games; g++) {
      const r = await playGame({ url: server.url, quiz: small, players: Number(values.players), thinkMs: 300, silentRate: 0.1, joinConcurrency: 25 });
      if (!r.archived) problems.push(`game ${r.pin} was not archived`);
      pins.push(r.pin);
      answers += r.answersAccepted;
      perGame.push(sample(server.pid).rssMb);
      if ((g + 1) % 5 === 0) {
        trend.push(sample(server.pid).rssMb);
        heapTrend.push(await heap());
      }
      if (g + 1 === warmup) {
        await sleep((IDLE_SEC + 2) * 1000);
        afterWarmup = sample(server.pid);
        heapMb.afterWarmup = await heap();
      }
    }
    // Every room was left by its last socket: after the idle timeout it must be gone.
    await sleep((IDLE_SEC + 3) * 1000);
    const done = sample(server.pid);
    await sleep(Number(values.rest) * 1000);
    const end = sample(server.pid);
    heapMb.every5Games = heapTrend;
    heapMb.end = await heap();
    for (const pin of pins) {
      const res = await fetch(`${server.url}/api/games/${pin}`);
      if (res.status !== 404) problems.push(`room ${pin} still answers ${res.status} after its idle cleanup`);
    }
    // Growth per game over the second half (after at least the warm-up).
    const mid = Math.max(warmup, Math.floor(games / 2));
    const lateMbPerGame = games - mid >= 2 ? Math.round(((perGame[games - 1]! - perGame[mid - 1]!) / (games - mid)) * 100) / 100 : null;
    if (lateMbPerGame !== null && lateMbPerGame > Number(values["max-mb-per-game"]))
      problems.push(`workerd RSS still grows ${lateMbPerGame} MB per game over games ${mid + 1}-${games}`);
    const heapWarm = heapMb.afterWarmup as number;
    if (heapWarm > 0 && (heapMb.end as number) > heapWarm * 1.5) problems.push(`the Worker's V8 heap grew from ${heapWarm} to ${heapMb.end} MB`);
    if (end.sockets > afterWarmup.sockets + 5) problems.push(`workerd holds ${end.sockets} sockets, ${afterWarmup.sockets} after the warm-up`);
    const summary = {
      games, playersPerGame: Number(values.players), answers, seconds: Math.round((Date.now() - t0) / 1000),
      rssMb: { start: start.rssMb, afterWarmup: afterWarmup.rssMb, every5Games: trend, afterLastGame: done.rssMb, end: end.rssMb, lateMbPerGame, lateFrom: mid + 1 },
      workerHeapMb: heapMb,
      sockets: { start: start.sockets, afterWarmup: afterWarmup.sockets, end: end.sockets },
      roomsLeft: problems.filter((p) => p.startsWith("room")).length,
      problems,
    };
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  } finally {
    await server.stop();
  }
  process.exit(problems.length ? 1 : 0);
}

main().catch((err: Error) => {
  process.stderr.write(`soak: ${err.stack ?? err.message}\n`);
  process.exit(2);
});
