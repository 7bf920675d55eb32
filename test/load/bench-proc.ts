// CPU and memory of processes from /proc (Linux): the server's process tree and this client.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";

const TICKS_PER_SEC = 100; // USER_HZ on Linux; fixed at 100 on every mainstream kernel build

interface ProcStat {
  pid: number;
  ppid: number;
  comm: string;
  /** utime + stime, seconds. */
  cpuSec: number;
}

function readStat(pid: number): ProcStat | null {
  try {
    const raw = readFileSync(`/proc/${pid}/stat`, "utf8");
    // comm may contain spaces and parentheses: split after the last ")".
    const close = raw.lastIndexOf(")");
    const comm = raw.slice(raw.indexOf("(") + 1, close);
    const f = raw.slice(close + 2).split(" ");
    return { pid, ppid: Number(f[1]), comm, cpuSec: (Number(f[11]) + Number(f[12])) / TICKS_PER_SEC };
  } catch {
    return null; // gone
  }
}

/** Peak resident set (VmHWM) in MB, or 0 when the process is gone. */
function peakRssMb(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** `root` and every process below it. */
export function processTree(root: number): ProcStat[] {
  const all: ProcStat[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const s = readStat(Number(name));
    if (s) all.push(s);
  }
  const out: ProcStat[] = [];
  const wanted = new Set([root]);
  // Parents have lower pids only usually, so repeat until nothing new is found.
  for (let grew = true; grew; ) {
    grew = false;
    for (const s of all) if (!wanted.has(s.pid) && wanted.has(s.ppid)) (wanted.add(s.pid), (grew = true));
  }
  for (const s of all) if (wanted.has(s.pid)) out.push(s);
  return out;
}

export interface ProcSample {
  cpuSec: number;
  peakRssMb: number;
  names: string[];
}

/** CPU seconds and summed peak RSS of the given processes (e.g. every workerd of a server). */
export function sample(procs: ProcStat[]): ProcSample {
  let cpuSec = 0;
  let rss = 0;
  for (const p of procs) {
    cpuSec += p.cpuSec;
    rss += peakRssMb(p.pid);
  }
  return { cpuSec, peakRssMb: Math.round(rss), names: [...new Set(procs.map((p) => p.comm))] };
}

/** This process (all its threads: the bot workers run inside it). */
export function selfSample(): ProcSample {
  const s = readStat(process.pid);
  return { cpuSec: s?.cpuSec ?? 0, peakRssMb: Math.round(peakRssMb(process.pid)), names: [s?.comm ?? "node"] };
}

export function machine() {
  let load: number[] = [];
  try {
    load = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).map(Number);
  } catch {
    // not Linux
  }
  return { cores: cpus().length, cpuModel: cpus()[0]?.model ?? "unknown", memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, load };
}

/** Pins processes (all their threads) to one CPU with taskset; false when that is not possible. */
export function pin(pids: number[], cpu: number): boolean {
  if (pids.length === 0) return false;
  for (const pid of pids) {
    const r = spawnSync("taskset", ["-a", "-p", "-c", String(cpu), String(pid)], { stdio: "ignore" });
    if (r.status !== 0) return false;
  }
  return true;
}
