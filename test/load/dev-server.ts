import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

export interface DevServer {
  url: string;
  port: number;
  /** The process group leader (scripts/dev.mjs); wrangler and workerd run in its group. */
  pid: number;
  output: () => string;
  stop: () => Promise<void>;
}

export interface DevServerOptions {
  /** State folder; pass the same one again to restart on the same data. */
  state?: string;
  /** Port; pass the old one to restart where clients expect the server. Default: a free one. */
  port?: number;
  /** Worker vars for this server only (`wrangler dev --var`), e.g. looser limits for a load run. */
  vars?: Record<string, string>;
  /** More `wrangler dev` flags, e.g. `--inspector-port`. */
  args?: string[];
}

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });

/**
 * Runs `npm run dev`'s script on a free port; resolves when it answers. Without `state` it uses a
 * throwaway state folder; with one (e.g. to restart on the same data) the caller owns and removes it.
 */
export async function startDevServer(opts: DevServerOptions = {}): Promise<DevServer> {
  const port = opts.port ?? (await freePort());
  const state = opts.state ?? mkdtempSync(path.join(tmpdir(), "quiz-e2e-"));
  let out = "";
  const vars = Object.entries(opts.vars ?? {}).flatMap(([k, v]) => ["--var", `${k}:${v}`]);
  const child: ChildProcess = spawn(process.execPath, ["scripts/dev.mjs", ...vars, ...(opts.args ?? [])], {
    env: { ...process.env, PORT: String(port), QUIZ_STATE_DIR: state, SKIP_BUILD: "1" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      // already gone
    }
    // Wait for the process group to exit so its SQLite files are closed before anyone reuses them.
    for (let i = 0; i < 50 && child.exitCode === null && child.signalCode === null; i++) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 300));
    if (!opts.state) rmSync(state, { recursive: true, force: true });
  };
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`dev server exited (${child.exitCode}):\n${out}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return { url, port, pid: child.pid!, output: () => out, stop };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`dev server did not answer within 90 s:\n${out}`);
}

/**
 * workerd processes of the dev server (same process group). `wrangler dev` runs two: the runtime
 * that runs our Worker (started with `--inspector-addr`) and wrangler's own dev proxy, which every
 * request passes through and which production does not have.
 */
export function workerdPids(group: number): { runtime: number[]; proxy: number[] } {
  const found = { runtime: [] as number[], proxy: [] as number[] };
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8").trim();
      const [, comm = "", rest = ""] = /^\d+ \((.*)\) (.*)$/.exec(stat) ?? [];
      if (comm !== "workerd" || Number(rest.split(" ")[2]) !== group) continue;
      const runtime = readFileSync(`/proc/${d}/cmdline`, "utf8").includes("--inspector-addr");
      found[runtime ? "runtime" : "proxy"].push(Number(d));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}
