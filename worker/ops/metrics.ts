// Metrics as Workers Analytics Engine data points: the durable, queryable record (SQL API). The
// live admin view comes from OpsCounters instead, because Analytics Engine cannot be read from a Worker.
import { log } from "../log";

/** Counter names; a `label` narrows some of them (a rejection reason, an error code). */
export type MetricName =
  | "games.created"
  | "games.started"
  | "games.ended"
  | "players.joined"
  | "answers.accepted"
  | "answers.rejected"
  | "frames.rejected"
  | "http.errors"
  | "ws.in"
  | "ws.out"
  | "fanout"
  | "fanout.recipients"
  | "queue.sent"
  | "queue.send-failed"
  | "queue.written"
  | "queue.duplicate"
  | "queue.retried"
  | "queue.dead-lettered"
  | "queue.dead";

/** "name" or "name:label": the key of a count in a report. */
export type CountKey = MetricName | `${MetricName}:${string}`;
export type Counts = Partial<Record<CountKey, number>>;

export const countKey = (name: MetricName, label?: string): CountKey => (label ? `${name}:${label}` : name);

/** Adds `b` into `a` (mutates `a`). */
export function addCounts(a: Counts, b: Counts): Counts {
  for (const [k, v] of Object.entries(b) as [CountKey, number][]) a[k] = (a[k] ?? 0) + v;
  return a;
}

// Analytics Engine accepts at most 250 data points per invocation; a report stays far below.
const MAX_POINTS = 100;

/**
 * One data point per non-zero count: index = metric name (the sampling key), blobs = [name, label,
 * pin, gameId, environment], doubles = [value, extra]. A no-op without the binding (or when the local
 * runtime stubs it); never throws into the caller.
 */
export function writeMetrics(
  dataset: AnalyticsEngineDataset | undefined,
  counts: Counts,
  where: { pin?: string; gameId?: string; environment?: string } = {},
  extra: Partial<Record<CountKey, number>> = {},
): void {
  if (!dataset || typeof dataset.writeDataPoint !== "function") return;
  try {
    let n = 0;
    for (const [key, value] of Object.entries(counts) as [CountKey, number][]) {
      if (!value || n++ >= MAX_POINTS) continue;
      const [name, label = ""] = key.split(/:(.*)/s) as [string, string?];
      dataset.writeDataPoint({
        indexes: [name],
        blobs: [name, label, where.pin ?? "", where.gameId ?? "", where.environment ?? ""],
        doubles: [value, extra[key] ?? 0],
      });
    }
  } catch (err) {
    log("warn", "ops.metrics-write-failed", { cause: String(err) });
  }
}
