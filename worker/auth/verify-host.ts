import { createRemoteJWKSet, customFetch, errors, jwtVerify, type JWTPayload } from "jose";
import type { Env } from "../env";
import { ApiError } from "../http/api-error";
import { log } from "../log";
import { devJwks } from "./dev-issuer";
import { issuerConfig, type IssuerConfig } from "./issuer-config";

export type Role = "host" | "admin";

export interface Host {
  sub: string;
  name: string;
  roles: Role[];
}

/** Seconds of clock skew tolerated on exp/nbf/iat. */
export const CLOCK_TOLERANCE_SEC = 5;

// Key sets live at module scope so their cache survives between requests of one isolate. jose
// refetches a set when a token names an unknown kid (key rotation), at most once per 30 s cooldown.
const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

function keySet(env: Env, cfg: IssuerConfig) {
  let set = keySets.get(cfg.jwksUrl.href);
  if (!set) {
    // The dev issuer's JWKS is served by this Worker; fetch it in-process through the same code path.
    const options = cfg.dev ? { [customFetch]: async () => Response.json(await devJwks(env)) } : {};
    set = createRemoteJWKSet(cfg.jwksUrl, { timeoutDuration: 5000, ...options });
    keySets.set(cfg.jwksUrl.href, set);
  }
  return set;
}

/** jose's verdict as our error: expired tokens are told apart so clients know to refresh. */
function tokenError(err: unknown): ApiError {
  if (err instanceof errors.JWTExpired) return new ApiError("token-expired", "The token has expired; sign in again.");
  // Timeouts, a non-200 JWKS answer (generic JOSEError) or a network failure: our side, not the token.
  const keysDown = err instanceof errors.JWKSTimeout || err instanceof errors.JWKSInvalid || (err as { code?: string }).code === "ERR_JOSE_GENERIC";
  if (keysDown || !(err instanceof errors.JOSEError)) {
    log("error", "auth.jwks-unavailable", { cause: String(err) });
    return new ApiError("auth-unavailable", "Sign-in keys could not be loaded; try again shortly.");
  }
  const why = err instanceof errors.JWTClaimValidationFailed ? `${err.claim}: ${err.message}` : err.code;
  return new ApiError("invalid-token", `Invalid token (${why}).`);
}

/** Verifies a host's Bearer token (Cognito, or the dev issuer locally) and returns who it is. */
export async function verifyHost(env: Env, authorization: string | undefined): Promise<Host> {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
  if (!token) throw new ApiError("unauthorized", "Sign in as a host: missing Bearer token.");
  const cfg = issuerConfig(env);
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, keySet(env, cfg), {
      issuer: cfg.issuer,
      algorithms: ["RS256"],
      clockTolerance: CLOCK_TOLERANCE_SEC,
      requiredClaims: ["exp", "sub"],
      ...(cfg.tokenUse === "id" ? { audience: cfg.clientId } : {}),
    }));
  } catch (err) {
    throw tokenError(err);
  }
  if (payload.token_use !== cfg.tokenUse)
    throw new ApiError("invalid-token", `Invalid token (token_use must be "${cfg.tokenUse}").`);
  // Access tokens carry no aud; the app client is named in client_id instead.
  if (cfg.tokenUse === "access" && payload.client_id !== cfg.clientId) throw new ApiError("invalid-token", "Invalid token (wrong client_id).");
  const groups = Array.isArray(payload["cognito:groups"]) ? (payload["cognito:groups"] as unknown[]) : [];
  const roles = groups.filter((g): g is Role => g === "host" || g === "admin");
  if (roles.length === 0) throw new ApiError("forbidden", "This account is not in the host or admin group.");
  const name =
    typeof payload.name === "string" ? payload.name : String(payload["cognito:username"] ?? payload.username ?? payload.sub);
  return { sub: payload.sub!, name, roles };
}
