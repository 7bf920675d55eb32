import { intVar, type Env } from "../env";

/** Abuse limits and their defaults; each can be changed with the wrangler var of the same name. */
export const LIMIT_DEFAULTS = {
  MAX_PLAYERS: 2000,
  JOINS_PER_IP_PER_MINUTE: 120,
  WRONG_PINS_PER_IP_PER_MINUTE: 10,
  SOCKET_BURST: 20,
  SOCKET_PER_SECOND: 5,
  RETENTION_DAYS: 365,
} as const;

export type Limits = { -readonly [K in keyof typeof LIMIT_DEFAULTS]: number };

export function limitsOf(env: Env): Limits {
  const out = {} as Limits;
  for (const k of Object.keys(LIMIT_DEFAULTS) as (keyof Limits)[]) out[k] = intVar(env[k], LIMIT_DEFAULTS[k]);
  return out;
}
