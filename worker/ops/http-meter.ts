// HTTP refusals and failures by error code. Analytics Engine gets every one at once; OpsCounters
// gets them batched per isolate (at most one report every FLUSH_MS), so a flood of bad requests
// cannot turn into a flood of Durable Object calls.
import type { Env } from "../env";
import { countKey, writeMetrics, type Counts } from "./metrics";
import { reportOps } from "./ops-reporter";

export const FLUSH_MS = 5000;

let pending: Counts = {};
let lastFlush = 0;

/** Counts one error answer; `waitUntil` keeps the batched report alive after the response is sent. */
export function countHttpError(env: Env, code: string, waitUntil: ((p: Promise<unknown>) => void) | undefined, now = Date.now()): void {
  const key = countKey("http.errors", code);
  writeMetrics(env.OPS_METRICS, { [key]: 1 }, { environment: env.ENVIRONMENT });
  pending[key] = (pending[key] ?? 0) + 1;
  if (now - lastFlush < FLUSH_MS || !waitUntil) return;
  lastFlush = now;
  const batch = pending;
  pending = {};
  waitUntil(reportOps(env, { counts: batch }));
}
