import type { GameRoom } from "./room/game-room";
import type { ArchiveMessage } from "./protocol";

export interface Env {
  GAME_ROOM: DurableObjectNamespace<GameRoom>;
  ARCHIVE: Queue<ArchiveMessage>;
  /** Producer for the dead-letter queue: permanent failures go there at once, without retries. */
  ARCHIVE_DLQ: Queue<unknown>;
  DB: D1Database;
  ASSETS: Fetcher;
  /** "dev": local issuer, no AWS. "cognito": verify tokens from the configured user pool. */
  AUTH_MODE: string;
  COGNITO_REGION?: string;
  COGNITO_USER_POOL_ID?: string;
  COGNITO_CLIENT_ID?: string;
  /** Which Cognito token hosts send: "id" (default) or "access". */
  COGNITO_TOKEN_USE?: string;
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
}
