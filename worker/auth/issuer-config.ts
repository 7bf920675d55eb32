import { isDevelopment, type Env } from "../env";
import { ApiError } from "../http/api-error";
import { log } from "../log";
import { DEV_CLIENT_ID, DEV_ISSUER } from "./dev-issuer";

export interface IssuerConfig {
  issuer: string;
  jwksUrl: URL;
  clientId: string;
  tokenUse: "id" | "access";
  dev: boolean;
}

/** Whether the built-in dev issuer may sign hosts in: only when asked for, and never in production. */
export const devIssuerAllowed = (env: Env) => env.AUTH_MODE === "dev" && isDevelopment(env);

/** Which issuer host tokens must come from, from the Worker's vars. Throws a 500 when misconfigured. */
export function issuerConfig(env: Env): IssuerConfig {
  if (env.AUTH_MODE === "dev") {
    if (!isDevelopment(env)) {
      // A production Worker with the dev issuer on would let anyone mint admin tokens.
      log("error", "auth.dev-refused", { environment: env.ENVIRONMENT ?? null });
      throw new ApiError("internal", "Host sign-in is misconfigured: the dev issuer is refused with production settings.");
    }
    return { issuer: DEV_ISSUER, jwksUrl: new URL(`${DEV_ISSUER}/.well-known/jwks.json`), clientId: DEV_CLIENT_ID, tokenUse: "id", dev: true };
  }
  const { COGNITO_REGION: region, COGNITO_USER_POOL_ID: pool, COGNITO_CLIENT_ID: clientId } = env;
  if (env.AUTH_MODE !== "cognito" || !region || !pool || !clientId)
    throw new ApiError("internal", "Host sign-in is not configured.");
  const issuer = `https://cognito-idp.${region}.amazonaws.com/${pool}`;
  const tokenUse = env.COGNITO_TOKEN_USE === "access" ? "access" : "id";
  // The override exists for tests and local pools; production always asks Cognito itself.
  const jwks = isDevelopment(env) && env.COGNITO_JWKS_URL ? env.COGNITO_JWKS_URL : `${issuer}/.well-known/jwks.json`;
  return { issuer, jwksUrl: new URL(jwks), clientId, tokenUse, dev: false };
}
