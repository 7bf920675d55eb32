import { Hono } from "hono";
import { causeOf, log } from "../../log";
import type { OpsCountersSnapshot } from "../../ops/ops-counters";
import { opsCounters, REPORT_TIMEOUT_MS } from "../../ops/ops-reporter";
import type { OpsSnapshot } from "../../protocol";
import type { AppEnv } from "../app";
import { requireRole } from "../require-role";
import { versionOf } from "./health";

const empty = (): OpsCountersSnapshot => ({
  since: Date.now(),
  totals: {},
  fanout: { count: 0, totalMs: 0, maxMs: 0 },
  games: [],
  answersPerSec: 0,
  finished: [],
});

/** Refusals and failures by source and code, from the counters' "name:label" keys. */
function errorsOf(totals: Record<string, number>): OpsSnapshot["errors"] {
  const sources: Record<string, string> = {
    "answers.rejected": "answer",
    "frames.rejected": "frame",
    "http.errors": "http",
    "queue.retried": "archive",
    "queue.dead-lettered": "archive",
    "queue.send-failed": "archive",
  };
  const out: OpsSnapshot["errors"] = [];
  for (const [key, count] of Object.entries(totals)) {
    const [name = "", label] = key.split(/:(.*)/s);
    const source = sources[name];
    if (source && count > 0) out.push({ source, code: label ?? name, count });
  }
  return out.sort((a, b) => b.count - a.count);
}

async function countersOf(c: { env: AppEnv["Bindings"] }): Promise<OpsCountersSnapshot | null> {
  const stub = opsCounters(c.env);
  if (!stub) return null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error("timed out")), REPORT_TIMEOUT_MS)));
    return (await Promise.race([stub.snapshot(), timeout])) as OpsCountersSnapshot;
  } catch (err) {
    log("error", "ops.snapshot-failed", { cause: causeOf(err) });
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/** GET /api/admin/ops: live games and counters from OpsCounters, the archive backlog from D1. */
export const opsRoutes = new Hono<AppEnv>().get("/", requireRole("admin"), async (c) => {
  const [counters, failures, archived] = await Promise.all([
    countersOf(c),
    c.env.DB.prepare("SELECT status, COUNT(*) AS n FROM archive_failures GROUP BY status").all<{ status: string; n: number }>(),
    c.env.DB.prepare("SELECT COUNT(*) AS n FROM games").first<{ n: number }>(),
  ]);
  const snap = counters ?? empty();
  const byStatus = Object.fromEntries(failures.results.map((r) => [r.status, r.n]));
  const body: OpsSnapshot = {
    now: Date.now(),
    version: versionOf(c.env).version,
    since: snap.since,
    countersAvailable: counters !== null,
    live: {
      games: snap.games.length,
      players: snap.games.reduce((a, g) => a + g.players, 0),
      connected: snap.games.reduce((a, g) => a + g.connected, 0),
      answersPerSec: Math.round(snap.answersPerSec * 100) / 100,
    },
    games: snap.games,
    totals: snap.totals as Record<string, number>,
    errors: errorsOf(snap.totals as Record<string, number>),
    fanout: {
      count: snap.fanout.count,
      meanRecipients: snap.fanout.count ? (snap.totals["fanout.recipients"] ?? 0) / snap.fanout.count : 0,
      meanMs: snap.fanout.count ? snap.fanout.totalMs / snap.fanout.count : 0,
      maxMs: snap.fanout.maxMs,
    },
    archive: {
      retrying: byStatus.retrying ?? 0,
      dead: byStatus.dead ?? 0,
      redriven: byStatus.redriven ?? 0,
      resolved: byStatus.resolved ?? 0,
      archivedGames: archived?.n ?? 0,
    },
    finished: snap.finished,
  };
  c.header("Cache-Control", "no-store");
  return c.json(body);
});
