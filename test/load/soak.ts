// `npm run soak -- --games 30 --players 20`: games back to back through one dev server. Afterwards
// the rooms must be gone (idle cleanup shortened to a few seconds for this server) with their storage
// emptied, every game archived, open sockets back where they were after the warm-up, the Worker's
// V8 heap flat and workerd's memory no longer growing by the end.
// Prints one line of JSON; exits 1 when something was left behind or memory grew.
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { playGame } from "./bot-game";
import WebSocket from "ws";
import { freePort, startDevServer, workerdPids, type DevServer } from "./dev-server";
import { inspectRooms, type RoomStorage } from "./room-storage";

const { values } = parseArgs({
  options: {
    games: { type: "string", default: "30" },
    players: { type: "string", default: "20" },
    questions: { type: "string", default: "3" },
    warmup: { type: "string", default: "3" },
    /**
     * Allowed growth of the runtime's RSS per game over the last third of the run, in MB (a
     * least-squares slope). Total growth since the warm-up is reported but not judged: workerd's
     * allocator keeps what it once used, and its caches fill over dozens of games under any Durable
     * Object. A bare one that uses the same platform features as a room (D1, a queue, alarms, calls
     * to another object; soak-control.ts) grows 0.5-1.3 MB per game by this measure, so 2 MB leaves
     * room for that noise and still catches what does not level off (README "Reliability").
     */
    "max-mb-per-game": { type: "string", default: "2" },
    /** Seconds to stay idle at the end before the last sample: workerd evicts idle objects after ~1-2 min. */
    rest: { type: "string", default: "120" },
  },
});
const games = Number(values.games);
const warmup = Math.min(Number(values.warmup), games);
const IDLE_SEC = 3;

function sample(group: number, state: string) {
  const rss = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
  const mb = (kb: number) => Math.round(kb / 102.4) / 10;
  const { runtime, proxy } = workerdPids(group);
  let sockets = 0;
  let roomDbFiles = 0;
  const roomDir = path.join(state, "v3", "do", "quiz-live-GameRoom");
  for (const pid of [...runtime, ...proxy]) {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      try {
        const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
        if (target.startsWith("socket:")) sockets++;
        if (target.startsWith(roomDir) && /[0-9a-f]{64}\.sqlite$/.test(target)) roomDbFiles++;
      } catch {
        // closed meanwhile
      }
    }
  }
  const sum = (pids: number[]) => mb(pids.reduce((a, p) => a + rss(p), 0));
  return { rssMb: sum(runtime), proxyRssMb: sum(proxy), sockets, roomDbFiles };
}

/** Least-squares slope of ys over consecutive x. */
function slope(ys: number[]): number {
  const n = ys.length;
  const mx = (n - 1) / 2;
  const my = ys.reduce((a, y) => a + y, 0) / n;
  const num = ys.reduce((a, y, x) => a + (x - mx) * (y - my), 0);
  const den = ys.reduce((a, _, x) => a + (x - mx) ** 2, 0);
  return num / den;
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
  const state = mkdtempSync(path.join(tmpdir(), "quiz-soak-"));
  const server: DevServer = await startDevServer({ state, vars: {
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
    const start = sample(server.pid, state);
    if (start.rssMb === 0) throw new Error("no workerd runtime (with --inspector-addr) found in the dev server's process group");
    let afterWarmup = start;
    const pins: string[] = [];
    let answers = 0;
    const trend: number[] = [];
    const proxyTrend: number[] = [];
    const perGame: number[] = [];
    const t0 = Date.now();
    for (let g = 0; g < games; g++) {
      const r = await playGame({ url: server.url, quiz: small, players: Number(values.players), thinkMs: 300, silentRate: 0.1, joinConcurrency: 25 });
      if (!r.archived) problems.push(`game ${r.pin} was not archived`);
      pins.push(r.pin);
      answers += r.answersAccepted;
      perGame.push(sample(server.pid, state).rssMb);
      if ((g + 1) % 5 === 0) {
        const s = sample(server.pid, state);
        trend.push(s.rssMb);
        proxyTrend.push(s.proxyRssMb);
        heapTrend.push(await heap());
      }
      if (g + 1 === warmup) {
        await sleep((IDLE_SEC + 2) * 1000);
        afterWarmup = sample(server.pid, state);
        heapMb.afterWarmup = await heap();
      }
    }
    // Every room was left by its last socket: after the idle timeout it must be gone.
    await sleep((IDLE_SEC + 3) * 1000);
    const done = sample(server.pid, state);
    await sleep(Number(values.rest) * 1000);
    const end = sample(server.pid, state);
    heapMb.every5Games = heapTrend;
    heapMb.end = await heap();
    for (const pin of pins) {
      const res = await fetch(`${server.url}/api/games/${pin}`);
      if (res.status !== 404) problems.push(`room ${pin} still answers ${res.status} after its idle cleanup`);
    }
    // Growth per game over the last third (after the warm-up at least).
    const lateFrom = Math.max(warmup, games - Math.ceil(games / 3));
    const lateMbPerGame = games - lateFrom >= 3 ? Math.round(slope(perGame.slice(lateFrom)) * 100) / 100 : null;
    if (lateMbPerGame === null) process.stderr.write(`soak: RSS growth not judged: it needs 3 games after the warm-up in the last third (9 games or more)\n`);
    if (lateMbPerGame !== null && lateMbPerGame > Number(values["max-mb-per-game"]))
      problems.push(`the runtime's RSS still grows ${lateMbPerGame} MB per game over games ${lateFrom + 1}-${games}`);
    const heapWarm = heapMb.afterWarmup as number;
    if (heapWarm > 0 && (heapMb.end as number) > heapWarm * 1.5) problems.push(`the Worker's V8 heap grew from ${heapWarm} to ${heapMb.end} MB`);
    if (end.sockets > afterWarmup.sockets + 5) problems.push(`workerd holds ${end.sockets} sockets, ${afterWarmup.sockets} after the warm-up`);
    const summary = {
      games, playersPerGame: Number(values.players), answers, seconds: Math.round((Date.now() - t0) / 1000),
      rssMb: { start: start.rssMb, afterWarmup: afterWarmup.rssMb, every5Games: trend, afterLastGame: done.rssMb, end: end.rssMb, lateMbPerGame, lateFrom: lateFrom + 1 },
      // Reported, not judged: wrangler's dev proxy, not part of a deployed Worker.
      proxyRssMb: { start: start.proxyRssMb, afterWarmup: afterWarmup.proxyRssMb, every5Games: proxyTrend, end: end.proxyRssMb },
      workerHeapMb: heapMb,
      sockets: { start: start.sockets, afterWarmup: afterWarmup.sockets, end: end.sockets },
      // Room databases the runtime still has open: idle rooms are evicted, which closes them.
      roomDbFilesOpen: { afterLastGame: done.roomDbFiles, end: end.roomDbFiles },
      roomsLeft: problems.filter((p) => p.startsWith("room")).length,
      roomStorage: { rooms: 0, notEmpty: 0 },
      problems,
    };
    await server.stop();
    const stored: RoomStorage = await inspectRooms(state);
    summary.roomStorage = { rooms: stored.rooms, notEmpty: stored.notEmpty.length };
    if (stored.rooms < games) problems.push(`only ${stored.rooms} room databases found for ${games} games`);
    if (stored.notEmpty.length) problems.push(`${stored.notEmpty.length} cleaned-up rooms still store data or an alarm, e.g. ${JSON.stringify(stored.notEmpty[0])}`);
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  } finally {
    await server.stop();
    rmSync(state, { recursive: true, force: true });
  }
  process.exit(problems.length ? 1 : 0);
}

main().catch((err: Error) => {
  process.stderr.write(`soak: ${err.stack ?? err.message}\n`);
  process.exit(2);
});
