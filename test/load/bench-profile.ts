// CPU profile of the Worker's isolate during a bench game, through workerd's inspector (Chrome
// DevTools protocol). Writes a .cpuprofile (open it in Chrome DevTools) and sums self time per function.
import { writeFileSync } from "node:fs";
import WebSocket from "ws";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface Profiler {
  stop: (file: string) => Promise<{ file: string; totalMs: number; top: { fn: string; selfMs: number; pct: number }[] }>;
}

export async function startProfiler(port: number, worker: string): Promise<Profiler> {
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json`)).json()) as { title: string; webSocketDebuggerUrl: string }[];
  const target = targets.find((t) => t.title.includes(worker)) ?? targets[0];
  if (!target) throw new Error("no inspector target");
  const ws = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((r, j) => (ws.once("open", r), ws.once("error", j)));
  let id = 0;
  const pending = new Map<number, (v: unknown) => void>();
  ws.on("message", (d: Buffer) => {
    const m = JSON.parse(d.toString()) as { id?: number; result?: unknown };
    if (m.id !== undefined) pending.get(m.id)?.(m.result), pending.delete(m.id);
  });
  const call = (method: string, params: object = {}) =>
    new Promise<unknown>((resolve) => {
      pending.set(++id, resolve);
      ws.send(JSON.stringify({ id, method, params }));
    });
  await call("Profiler.enable");
  await call("Profiler.setSamplingInterval", { interval: 200 });
  await call("Profiler.start");
  return {
    async stop(file) {
      const { profile } = (await call("Profiler.stop")) as { profile: Profile };
      ws.close();
      writeFileSync(file, JSON.stringify(profile));
      const self = new Map<number, number>();
      profile.samples.forEach((node, i) => self.set(node, (self.get(node) ?? 0) + (profile.timeDeltas[i] ?? 0)));
      const byFn = new Map<string, number>();
      let total = 0;
      for (const n of profile.nodes) {
        const us = self.get(n.id) ?? 0;
        const { functionName, url, lineNumber } = n.callFrame;
        if (functionName === "(idle)" || functionName === "(program)") continue;
        total += us;
        const key = `${functionName || "(anonymous)"} ${url.split("/").pop()}:${lineNumber + 1}`;
        byFn.set(key, (byFn.get(key) ?? 0) + us);
      }
      const top = [...byFn.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 25)
        .map(([fn, us]) => ({ fn, selfMs: Math.round(us / 1000), pct: Math.round((us / total) * 1000) / 10 }));
      return { file, totalMs: Math.round(total / 1000), top };
    },
  };
}
