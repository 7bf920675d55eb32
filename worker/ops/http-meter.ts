// HTTP refusals and failures by error code. Analytics Engine gets every one at once; OpsCounters
// gets them batched per isolate (at most one report every FLUSH_MS), so a flood of bad requests
// cannot turn into a flood of Durable Object calls.
import type { Env } from "../env";
import { countKey, writeMetrics, type Counts } from "./metrics";
import { reportOps } from "./ops-reporter";

export const FLUSH_MS = 5000;

let pending: Counts = {};
let lastFlush = 0;
let scheduled = false;

/** Counts one error answer; `waitUntil` keeps the (possibly delayed) batched report alive after the response. */
export function countHttpError(env: Env, code: string, waitUntil: ((p: Promise<unknown>) => void) | undefined): void {
  const key = countKey("http.errors", code);
  writeMetrics(env.OPS_METRICS, { [key]: 1 }, { environment: env.ENVIRONMENT });
  pending[key] = (pending[key] ?? 0) + 1;
  if (scheduled || !waitUntil) return;
  scheduled = true;
  const wait = Math.max(0, lastFlush + FLUSH_MS - Date.now());
  waitUntil(
    new Promise((r) => setTimeout(r, wait)).then(() => {
      scheduled = false;
      lastFlush = Date.now();
      const batch = pending;
      pending = {};
      return reportOps(env, { counts: batch });
    }),
  );
}
