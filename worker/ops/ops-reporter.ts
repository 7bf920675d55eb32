import type { Env } from "../env";
import { causeOf, log } from "../log";
import type { OpsReport } from "./ops-counters";

/** The one OpsCounters object. */
export const OPS_COUNTERS_NAME = "global";
/** A report slower than this is abandoned: counts are dropped, the caller moves on. */
export const REPORT_TIMEOUT_MS = 2000;

export const opsCounters = (env: Pick<Env, "OPS_COUNTERS">) =>
  env.OPS_COUNTERS ? env.OPS_COUNTERS.get(env.OPS_COUNTERS.idFromName(OPS_COUNTERS_NAME)) : null;

/**
 * Sends one batch to OpsCounters. Resolves to false instead of throwing when the binding is missing,
 * the object fails or it takes longer than REPORT_TIMEOUT_MS: operational counts are never worth
 * failing or slowing a game, a request or an archive write for.
 */
export async function reportOps(env: Pick<Env, "OPS_COUNTERS">, report: OpsReport): Promise<boolean> {
  const stub = opsCounters(env);
  if (!stub) return false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${REPORT_TIMEOUT_MS} ms`)), REPORT_TIMEOUT_MS);
    });
    await Promise.race([stub.report(report), timeout]);
    return true;
  } catch (err) {
    log("warn", "ops.report-failed", { cause: causeOf(err) });
    return false;
  } finally {
    clearTimeout(timer);
  }
}
