// Control for the soak (diagnostic): the same process measurements as soak-probe.ts, but against a
// bare Durable Object (soak-control-worker.ts) in the same workerd, one object per "game".
import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { build } from "esbuild";
import { Miniflare } from "miniflare";
import WebSocket from "ws";

const { values } = parseArgs({ options: {
  games: { type: "string", default: "10" }, players: { type: "string", default: "21" },
  idle: { type: "string", default: "240" }, same: { type: "boolean", default: false }, every: { type: "string", default: "30" },
  /** Features to add, comma-separated: d1, queue, alarm, rpc (see soak-control-worker.ts). */
  with: { type: "string", default: "" },
} });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const out = mkdtempSync(path.join(tmpdir(), "quiz-control-"));
const state = mkdtempSync(path.join(tmpdir(), "quiz-control-state-"));
await build({ entryPoints: [path.join(import.meta.dirname, "soak-control-worker.ts")], outfile: path.join(out, "index.js"), bundle: true, format: "esm", platform: "neutral", external: ["cloudflare:*"], logLevel: "warning" });
const before = new Set(readdirSync("/proc"));
const mf = new Miniflare({
  modules: [{ type: "ESModule", path: path.join(out, "index.js") }], modulesRoot: out, compatibilityDate: "2026-04-26",
  durableObjects: { ROOM: { className: "BareRoom", useSQLite: true }, SHARED: { className: "SharedCounter", useSQLite: true } },
  d1Databases: ["DB"], queueProducers: { Q: "control" }, queueConsumers: { control: { maxBatchTimeout: 1 } },
  durableObjectsPersist: path.join(state, "do"), d1Persist: path.join(state, "d1"), host: "127.0.0.1", port: 0,
});
const url = (await mf.ready).toString().replace(/\/$/, "").replace("http", "ws");
if (values.with.includes("d1") || values.with.includes("queue")) await (await mf.getD1Database("DB")).exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
const pids = readdirSync("/proc").filter((d) => /^\d+$/.test(d) && !before.has(d)).filter((d) => { try { return readFileSync(`/proc/${d}/comm`, "utf8").trim() === "workerd"; } catch { return false; } });
function walk(dir: string, acc = { files: 0, bytes: 0 }) {
  for (const e of readdirSync(dir, { withFileTypes: true })) { const p = path.join(dir, e.name); if (e.isDirectory()) walk(p, acc); else { acc.files++; acc.bytes += statSync(p).size; } }
  return acc;
}
function sample(label: string) {
  const kb = (s: string, k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(s)?.[1] ?? 0);
  let rss = 0, anon = 0, file = 0, fds = 0;
  for (const pid of pids) { const s = readFileSync(`/proc/${pid}/status`, "utf8"); rss += kb(s, "VmRSS"); anon += kb(s, "RssAnon"); file += kb(s, "RssFile"); fds += readdirSync(`/proc/${pid}/fd`).length; }
  const st = walk(state);
  console.log(JSON.stringify({ label, t: Math.round(process.uptime()), rssMb: +(rss / 1024).toFixed(1), anonMb: +(anon / 1024).toFixed(1), fileMb: +(file / 1024).toFixed(1), fds, stateFiles: st.files, stateKb: Math.round(st.bytes / 1024) }));
}
async function game(room: string) {
  const n = Number(values.players);
  const socks = await Promise.all(Array.from({ length: n }, () => new Promise<WebSocket>((res, rej) => { const w = new WebSocket(`${url}/?room=${room}&with=${values.with}`); w.once("open", () => res(w)); w.once("error", rej); })));
  for (let q = 0; q < 9; q++) { for (const w of socks) w.send(`q${q}-${Math.random()}`); await sleep(100); }
  await Promise.all(socks.map((w) => new Promise((r) => { w.once("close", r); w.close(); })));
}
console.log(JSON.stringify({ pids, state }));
try {
  sample("start");
  for (let g = 0; g < Number(values.games); g++) { await game(values.same ? "room-same" : `room-${g}-${Date.now()}`); await sleep(2000); sample(`game${g + 1}`); }
  await sleep(6000); sample("afterGames");
  for (let s = 0; s < Number(values.idle); s += Number(values.every)) { await sleep(Number(values.every) * 1000); sample(`idle${s + Number(values.every)}`); }
} finally { await mf.dispose(); }
