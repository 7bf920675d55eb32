import type { GameRoom } from "./room/game-room";
import type { OpsCounters } from "./ops/ops-counters";
import type { IpLimiter } from "./limits/ip-limiter";
import type { ArchiveMessage } from "./protocol";

export interface Env {
  GAME_ROOM: DurableObjectNamespace<GameRoom>;
  IP_LIMITER: DurableObjectNamespace<IpLimiter>;
  ARCHIVE: Queue<ArchiveMessage>;
  /** Producer for the dead-letter queue: permanent failures go there at once, without retries. */
  ARCHIVE_DLQ: Queue<unknown>;
  DB: D1Database;
  ASSETS: Fetcher;
  /** Live operational counters (one object, "global"); optional so a missing binding only loses the live view. */
  OPS_COUNTERS?: DurableObjectNamespace<OpsCounters>;
  /** Workers Analytics Engine dataset for metrics; absent = metrics off (locally it is a no-op stub). */
  OPS_METRICS?: AnalyticsEngineDataset;
  /** Release shown by /api/health: the tag or "dev"; CI sets it with `wrangler deploy --var VERSION:…`. */
  VERSION?: string;
  /** The git commit deployed; CI sets it with `--var COMMIT:$GITHUB_SHA`. */
  COMMIT?: string;
  /**
   * "development" switches on local conveniences (dev issuer, JWKS override, ephemeral ticket key).
   * Anything else, including unset, counts as production: wrangler.toml ships "production" and
   * `npm run dev` sets "development" in .dev.vars.
   */
  ENVIRONMENT?: string;
  /** "dev": local issuer, no AWS (development only). "cognito": verify tokens from the configured user pool. */
  AUTH_MODE: string;
  COGNITO_REGION?: string;
  COGNITO_USER_POOL_ID?: string;
  COGNITO_CLIENT_ID?: string;
  /** Which Cognito token hosts send: "id" (default) or "access". */
  COGNITO_TOKEN_USE?: string;
  /** Development only: fetch the pool's JWKS from here instead of Cognito (tests serve one locally). */
  COGNITO_JWKS_URL?: string;
  /** HMAC secret for socket tickets and resume tokens (`wrangler secret put`, or .dev.vars). */
  TICKET_SECRET?: string;
  /** Dev issuer's RSA private key as a JWK (JSON). Written to .dev.vars by `npm run dev`. */
  DEV_SIGNING_KEY?: string;
  /** MongoDB Data API compatible endpoint; empty = MongoDB sink off. Actions go to `{base}/action/{name}`. */
  MONGO_DATA_API_URL?: string;
  /** Data API key (`wrangler secret put MONGO_DATA_API_KEY`, or .dev.vars). */
  MONGO_DATA_API_KEY?: string;
  MONGO_DATA_SOURCE?: string;
  MONGO_DATABASE?: string;
  MONGO_COLLECTION?: string;
  /** Per-request timeout of the Data API, ms (default 10000). */
  MONGO_TIMEOUT_MS?: string;
  /** Hard cap on players per game, above any game's own `maxPlayers` (default 2000). */
  MAX_PLAYERS?: string;
  /** Joins allowed per client IP per minute (default 120). */
  JOINS_PER_IP_PER_MINUTE?: string;
  /** Wrong-PIN lookups allowed per client IP per minute (default 10). */
  WRONG_PINS_PER_IP_PER_MINUTE?: string;
  /** Socket frames: burst size and sustained rate per second (defaults 20 and 5). */
  SOCKET_BURST?: string;
  SOCKET_PER_SECOND?: string;
  /** A room nobody is connected to is ended, archived and deleted after this many seconds (default 1800). */
  IDLE_CLEANUP_SEC?: string;
  /** Archived games older than this are purged by the daily cron (default 365). */
  RETENTION_DAYS?: string;
}

/** Local conveniences are on only when the Worker says so explicitly; unset means production. */
export const isDevelopment = (env: Pick<Env, "ENVIRONMENT">) => env.ENVIRONMENT === "development";

/** A positive integer var, or the default when it is unset or not a positive integer. */
export function intVar(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && value !== "" && Number.isInteger(n) && n > 0 ? n : fallback;
}
