// One small Durable Object per client IP (or IPv6 /64): counters for joins and wrong PINs.
// In memory only: an eviction forgets the counts, which only ever errs towards letting people play.
import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env";
import { fullBucket, take, waitMs, type Bucket, type Rate } from "./token-bucket";

export type LimitKind = "join" | "wrong-pin";

/** `cost: 0` checks that one more would pass without counting it (a peek). */
export interface LimitRequest {
  kind: LimitKind;
  rate: Rate;
  cost: 0 | 1;
}

export class IpLimiter extends DurableObject<Env> {
  private readonly buckets = new Map<LimitKind, Bucket>();

  /** All-or-nothing: counts every request only if all of them pass. Returns 0, or ms to wait. */
  async take(requests: LimitRequest[]): Promise<number> {
    const now = Date.now();
    const bucket = (r: LimitRequest) => {
      let b = this.buckets.get(r.kind);
      if (!b) this.buckets.set(r.kind, (b = fullBucket(r.rate, now)));
      return b;
    };
    const wait = Math.max(0, ...requests.map((r) => waitMs(bucket(r), r.rate, now, Math.max(1, r.cost))));
    if (wait > 0) return wait;
    for (const r of requests) if (r.cost > 0) take(bucket(r), r.rate, now, r.cost);
    return 0;
  }
}
