// Servers for the benchmark: the Worker through the Miniflare API (the default: one workerd, no
// proxy), the same through `wrangler dev` (what `npm run dev` runs), or the bare baseline worker.
import { spawn, spawnSync } from "node:child_process";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import { build } from "esbuild";
import { Miniflare } from "miniflare";
import { unstable_getMiniflareWorkerOptions, unstable_splitSqlQuery } from "wrangler";
import { processTree, sample, type ProcSample } from "./bench-proc";
import { freePort } from "./dev-server";

export type ServerPath = "miniflare" | "wrangler" | "url";

export interface BenchServer {
  url: string;
  path: ServerPath;
  /** workerd's DevTools port when started with one (for --profile). */
  inspectorPort?: number;
  /** CPU seconds and peak RSS of the server's processes so far (null for a remote URL). */
  stats: () => ProcSample | null;
  /** The server's process ids (for pinning), empty for a remote URL. */
  pids: () => number[];
  stop: () => Promise<void>;
}

const ROOT = path.resolve(import.meta.dirname, "../..");
const bin = (name: string) => path.join(ROOT, "node_modules/.bin", name);
const OFFLINE = { CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_SEND_METRICS: "false" };

/** Local settings as `npm run dev` writes them, with the per-IP join limit out of the way. */
function devVars(players: number): Record<string, string> {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: "jwk" }), kid: `bench-${randomBytes(4).toString("hex")}` };
  return {
    ENVIRONMENT: "development",
    AUTH_MODE: "dev",
    // Every bot comes from 127.0.0.1: the production limit (120/min) would throttle the joins.
    JOINS_PER_IP_PER_MINUTE: "1000000",
    // The product's cap is 2,000; a bigger bench raises it for its own server only.
    MAX_PLAYERS: String(Math.max(2000, players)),
    TICKET_SECRET: randomBytes(32).toString("hex"),
    DEV_SIGNING_KEY: JSON.stringify(jwk),
  };
}

function ensureWebBuild(): void {
  if (existsSync(path.join(ROOT, "dist/web/index.html"))) return;
  const r = spawnSync(bin("vite"), ["build", "--logLevel", "warn"], { cwd: ROOT, stdio: "inherit" });
  if (r.status !== 0) throw new Error("vite build failed");
}

/** Runs `fn` with console output moved to stderr: stdout carries only the report ("Using secrets…"). */
function quietly<T>(fn: () => T): T {
  const { log, info } = console;
  console.log = console.info = (...args: unknown[]) => console.error(...args);
  try {
    return fn();
  } finally {
    Object.assign(console, { log, info });
  }
}

function quiet(stdout: Readable, stderr: Readable): void {
  const sink = (d: Buffer) => {
    if (process.env.BENCH_SERVER_LOG) process.stderr.write(d);
  };
  stdout.on("data", sink);
  stderr.on("data", sink);
}

/** workerd processes started by this process (Miniflare's runtime). */
function ownWorkerd() {
  return processTree(process.pid).filter((p) => p.pid !== process.pid && p.comm.startsWith("workerd"));
}

async function applyMigrations(mf: Miniflare): Promise<void> {
  const db = await mf.getD1Database("DB");
  const dir = path.join(ROOT, "migrations");
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".sql")).sort()) {
    const statements = unstable_splitSqlQuery(readFileSync(path.join(dir, file), "utf8"));
    await db.batch(statements.map((s) => db.prepare(s)));
  }
}

/** The product Worker, bundled by wrangler exactly as `wrangler deploy` would, run by Miniflare. */
/** `root`: another checkout (with node_modules and dist/web) to measure instead, e.g. main for a before/after. */
export async function startMiniflare(opts: { players: number; inspectorPort?: number; root?: string; storageDir?: string }): Promise<BenchServer> {
  const root = opts.root ? path.resolve(opts.root) : ROOT;
  ensureWebBuild();
  const out = mkdtempSync(path.join(tmpdir(), "quiz-bench-"));
  const r = spawnSync(bin("wrangler"), ["deploy", "--dry-run", "--outdir", out], { cwd: root, env: { ...process.env, ...OFFLINE }, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`wrangler bundle failed:\n${r.stdout}\n${r.stderr}`);
  const { workerOptions } = quietly(() => unstable_getMiniflareWorkerOptions(path.join(root, "wrangler.toml")));
  const storage = opts.storageDir ? mkdtempSync(path.join(opts.storageDir, "quiz-bench-do-")) : null;
  const mf = new Miniflare({
    ...workerOptions,
    name: "quiz-live",
    modules: [{ type: "ESModule", path: path.join(out, "index.js") }],
    modulesRoot: out,
    bindings: { ...(workerOptions.bindings ?? {}), ...devVars(opts.players) },
    // Where the rooms' SQLite files live (e.g. a tmpfs): each answer's commit is synced there.
    ...(storage ? { durableObjectsPersist: storage } : {}),
    host: "127.0.0.1",
    port: 0,
    // The Worker logs one JSON line per event: keep them off stdout, which carries the report.
    handleRuntimeStdio: quiet,
    ...(opts.inspectorPort ? { inspectorPort: opts.inspectorPort } : {}),
  } as ConstructorParameters<typeof Miniflare>[0]);
  const url = (await mf.ready).toString().replace(/\/$/, "");
  await applyMigrations(mf);
  return {
    url,
    path: "miniflare",
    ...(opts.inspectorPort ? { inspectorPort: opts.inspectorPort } : {}),
    stats: () => sample(ownWorkerd()),
    pids: () => ownWorkerd().map((p) => p.pid),
    stop: async () => {
      await mf.dispose();
      rmSync(out, { recursive: true, force: true });
      if (storage) rmSync(storage, { recursive: true, force: true });
    },
  };
}

/** The bare baseline: a tiny Durable Object that only accepts sockets and broadcasts. */
export async function startBaseline(): Promise<BenchServer> {
  const out = mkdtempSync(path.join(tmpdir(), "quiz-bench-base-"));
  await build({
    entryPoints: [path.join(import.meta.dirname, "bench-baseline-worker.ts")],
    outfile: path.join(out, "index.js"),
    bundle: true,
    format: "esm",
    platform: "neutral",
    external: ["cloudflare:*"],
    logLevel: "warning",
  });
  const mf = new Miniflare({
    name: "bench-baseline",
    modules: [{ type: "ESModule", path: path.join(out, "index.js") }],
    modulesRoot: out,
    compatibilityDate: "2026-04-26",
    durableObjects: { ROOM: { className: "BareRoom", useSQLite: true } },
    handleRuntimeStdio: quiet,
    host: "127.0.0.1",
    port: 0,
  });
  const url = (await mf.ready).toString().replace(/\/$/, "");
  return {
    url,
    path: "miniflare",
    stats: () => sample(ownWorkerd()),
    pids: () => ownWorkerd().map((p) => p.pid),
    stop: async () => {
      await mf.dispose();
      rmSync(out, { recursive: true, force: true });
    },
  };
}


/** `npm run dev`'s path: wrangler dev (a proxy process in front of workerd) on a throwaway state. */
export async function startWranglerDev(opts: { players: number }): Promise<BenchServer> {
  // The machine is shared: a free port can be taken before wrangler binds it, so try twice.
  try {
    return await startWranglerDevOnce(opts);
  } catch (err) {
    if (!/Address already in use/.test(String(err))) throw err;
    return startWranglerDevOnce(opts);
  }
}

async function startWranglerDevOnce(opts: { players: number }): Promise<BenchServer> {
  ensureWebBuild();
  const state = mkdtempSync(path.join(tmpdir(), "quiz-bench-dev-"));
  const envFile = path.join(state, ".dev.vars");
  writeFileSync(envFile, Object.entries(devVars(opts.players)).map(([k, v]) => `${k}='${v}'`).join("\n") + "\n");
  const port = await freePort();
  let log = "";
  const child = spawn(process.execPath, ["scripts/dev.mjs", "--env-file", envFile], {
    cwd: ROOT,
    env: { ...process.env, ...OFFLINE, PORT: String(port), QUIZ_STATE_DIR: state, SKIP_BUILD: "1" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  // Everything below the launcher: wrangler's node process, its proxy and workerd.
  const serverTree = () => processTree(child.pid!).filter((p) => p.pid !== child.pid);
  const stop = async () => {
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      // gone
    }
    for (let i = 0; i < 50 && child.exitCode === null && child.signalCode === null; i++) await new Promise((r) => setTimeout(r, 100));
    rmSync(state, { recursive: true, force: true });
  };
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      rmSync(state, { recursive: true, force: true });
      throw new Error(`wrangler dev exited (${child.exitCode}):\n${log}`);
    }
    try {
      if ((await fetch(`${url}/api/health`)).ok)
        return {
          url,
          path: "wrangler",
          stats: () => sample(serverTree()),
          pids: () => serverTree().map((p) => p.pid),
          stop,
        };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`wrangler dev did not answer within 90 s:\n${log}`);
}

export function remote(url: string): BenchServer {
  return { url: url.replace(/\/$/, ""), path: "url", stats: () => null, pids: () => [], stop: async () => {} };
}
