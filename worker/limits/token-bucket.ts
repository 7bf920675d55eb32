// A token bucket computed from timestamps: no timers, so it works in a hibernating Durable Object
// and in plain Node tests alike.

export interface Rate {
  /** Largest burst: the bucket's size. */
  burst: number;
  /** Sustained rate: tokens added per second. */
  perSec: number;
}

export interface Bucket {
  tokens: number;
  /** When `tokens` was last brought up to date (epoch ms). */
  at: number;
}

export const fullBucket = (rate: Rate, now: number): Bucket => ({ tokens: rate.burst, at: now });

function refill(b: Bucket, rate: Rate, now: number): void {
  b.tokens = Math.min(rate.burst, b.tokens + (Math.max(0, now - b.at) * rate.perSec) / 1000);
  b.at = now;
}

/** Ms until `cost` tokens are available (0: available now). Never takes anything. */
export function waitMs(b: Bucket, rate: Rate, now: number, cost = 1): number {
  refill(b, rate, now);
  return b.tokens >= cost ? 0 : Math.ceil(((cost - b.tokens) * 1000) / rate.perSec);
}

/** Takes `cost` tokens if they are there; returns 0 on success, else the ms to wait. */
export function take(b: Bucket, rate: Rate, now: number, cost = 1): number {
  const wait = waitMs(b, rate, now, cost);
  if (wait === 0) b.tokens -= cost;
  return wait;
}

/** "N per minute" as a bucket that allows the whole minute's N at once, then N/60 per second. */
export const perMinute = (n: number): Rate => ({ burst: n, perSec: n / 60 });
