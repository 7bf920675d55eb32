import type { GameRoom } from "./room/game-room";
import type { ArchiveMessage } from "./protocol";

export interface Env {
  GAME_ROOM: DurableObjectNamespace<GameRoom>;
  ARCHIVE: Queue<ArchiveMessage>;
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
}
