// Diagnostic (not part of npm test): plays N games (or creates N bare Durable Objects) through one
// dev server, then stays idle, sampling workerd RSS (anon/file), fds, sockets and the state folder.
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { playGame } from "./bot-game";
import { startDevServer } from "./dev-server";

const { values } = parseArgs({ options: {
  games: { type: "string", default: "10" }, players: { type: "string", default: "20" },
  idle: { type: "string", default: "240" }, every: { type: "string", default: "30" },
} });
const IDLE_SEC = 3;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function pidsOf(group: number, name: string) {
  const out: number[] = [];
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const [, comm = "", rest = ""] = /^\d+ \((.*)\) (.*)$/.exec(readFileSync(`/proc/${d}/stat`, "utf8").trim()) ?? [];
      if (comm === name && Number(rest.split(" ")[2]) === group) out.push(Number(d));
    } catch {}
  }
  return out;
}
function walk(dir: string, acc = { files: 0, bytes: 0, sqlite: 0, list: [] as string[] }) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, acc);
    else { acc.files++; acc.bytes += statSync(p).size; if (/\.sqlite/.test(e.name)) acc.sqlite++; acc.list.push(p); }
  }
  return acc;
}
function sample(group: number, state: string, label: string) {
  const kb = (s: string, k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(s)?.[1] ?? 0);
  let rss = 0, anon = 0, file = 0, fds = 0, sockets = 0, sqliteFds = 0;
  for (const pid of pidsOf(group, "workerd")) {
    const s = readFileSync(`/proc/${pid}/status`, "utf8");
    rss += kb(s, "VmRSS"); anon += kb(s, "RssAnon"); file += kb(s, "RssFile");
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      fds++;
      try { const l = readlinkSync(`/proc/${pid}/fd/${fd}`); if (l.startsWith("socket:")) sockets++; if (l.includes(".sqlite")) sqliteFds++; } catch {}
    }
  }
  const st = walk(state);
  const doDirs = readdirSync(state, { recursive: true }).filter((p) => String(p).includes("GameRoom")).length;
  const r = { label, t: Math.round(process.uptime()), rssMb: +(rss / 1024).toFixed(1), anonMb: +(anon / 1024).toFixed(1), fileMb: +(file / 1024).toFixed(1), fds, sockets, sqliteFds, stateFiles: st.files, stateSqlite: st.sqlite, stateKb: Math.round(st.bytes / 1024), gameRoomEntries: doDirs };
  console.log(JSON.stringify(r));
  return r;
}

const state = mkdtempSync(path.join(tmpdir(), "quiz-probe-"));
const server = await startDevServer({ state, vars: { JOINS_PER_IP_PER_MINUTE: "100000", WRONG_PINS_PER_IP_PER_MINUTE: "100000", IDLE_CLEANUP_SEC: String(IDLE_SEC) } });
console.log(JSON.stringify({ state, pid: server.pid, workerd: pidsOf(server.pid, "workerd") }));
try {
  const quiz = JSON.parse(readFileSync("test/fixtures/opentdb-sample.json", "utf8")) as { results: unknown[] };
  const small = { ...quiz, results: quiz.results.slice(0, 3) };
  sample(server.pid, state, "start");
  for (let g = 0; g < Number(values.games); g++) {
    await playGame({ url: server.url, quiz: small, players: Number(values.players), thinkMs: 300, silentRate: 0.1, joinConcurrency: 25 });
    sample(server.pid, state, `game${g + 1}`);
  }
  await sleep((IDLE_SEC + 3) * 1000);
  sample(server.pid, state, "afterGames");
  const idle = Number(values.idle);
  for (let s = 0; s < idle; s += Number(values.every)) {
    await sleep(Number(values.every) * 1000);
    sample(server.pid, state, `idle${s + Number(values.every)}`);
  }
  console.log(walk(state).list.map((p) => path.relative(state, p)).join("\n"));
} finally {
  await server.stop();
}
