// Diagnostic (not part of npm test; needs gdb and ptrace rights): plays games through one dev server
// and every few games asks each workerd process's allocator what it holds, by calling mallinfo2()
// in it through gdb. workerd links tcmalloc, whose mallinfo2 reports: arena = bytes taken from the
// system, fsmblks = bytes in its caches, uordblks = bytes the program has allocated, fordblks =
// free pages it keeps. Tells live native memory from memory the allocator keeps but does not use.
// `npx tsx test/load/soak-malloc.ts --games 60 --every 10`
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { playGame } from "./bot-game";
import { startDevServer, workerdPids } from "./dev-server";

const { values } = parseArgs({ options: {
  games: { type: "string", default: "30" }, players: { type: "string", default: "20" }, every: { type: "string", default: "5" },
} });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mb = (bytes: number) => Math.round(bytes / 104_857.6) / 10;

function gdb(pid: number, ...cmds: string[]): string {
  try {
    return execFileSync("gdb", ["-batch", "-nx", "-p", String(pid), ...cmds.flatMap((c) => ["-ex", c])], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 60_000 });
  } catch (e) {
    return String((e as { stdout?: string }).stdout ?? e);
  }
}

function allocator(pid: number) {
  // struct mallinfo2 is ten size_t; write it to scratch stack space well below the stopped thread's frame.
  const o = gdb(pid, "set $b = (char*)($rsp - 262144)", "call ((void(*)(char*))mallinfo2)($b)", "x/10gd $b");
  const f = [...o.matchAll(/:\s+(-?\d+)\s+(-?\d+)/g)].flatMap((m) => [Number(m[1]), Number(m[2])]);
  const st = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(st)?.[1] ?? 0) * 1024;
  return { rssMb: mb(kb("VmRSS")), anonMb: mb(kb("RssAnon")), fileMb: mb(kb("RssFile")), systemMb: mb(f[0] ?? 0), cacheMb: mb(f[6] ?? 0), inUseMb: mb(f[7] ?? 0), freeMb: mb(f[8] ?? 0) };
}

const server = await startDevServer({ vars: { JOINS_PER_IP_PER_MINUTE: "100000", WRONG_PINS_PER_IP_PER_MINUTE: "100000", IDLE_CLEANUP_SEC: "3" } });
const found = workerdPids(server.pid);
const pids = [...found.runtime.map((p) => [p, "runtime"] as const), ...found.proxy.map((p) => [p, "proxy"] as const)];
const snap = (label: string) => {
  for (const [pid, kind] of pids) process.stdout.write(`${JSON.stringify({ label, kind, ...allocator(pid) })}\n`);
};
try {
  const quiz = JSON.parse(readFileSync("test/fixtures/opentdb-sample.json", "utf8")) as { results: unknown[] };
  const small = { ...quiz, results: quiz.results.slice(0, 3) };
  snap("start");
  for (let g = 0; g < Number(values.games); g++) {
    await playGame({ url: server.url, quiz: small, players: Number(values.players), thinkMs: 300, silentRate: 0.1, joinConcurrency: 25 });
    if ((g + 1) % Number(values.every) === 0) {
      await sleep(6000);
      snap(`game${g + 1}`);
    }
  }
} finally {
  await server.stop();
}
