import { createRemoteJWKSet, customFetch, errors, jwtVerify, type JWTPayload } from "jose";
import type { Env } from "../env";
import { ApiError } from "../http/api-error";
import { DEV_CLIENT_ID, DEV_ISSUER, devJwks } from "./dev-issuer";

export type Role = "host" | "admin";

export interface Host {
  sub: string;
  name: string;
  roles: Role[];
}

interface IssuerConfig {
  issuer: string;
  jwksUrl: URL;
  clientId: string;
  tokenUse: "id" | "access";
}

function issuerConfig(env: Env): IssuerConfig {
  if (env.AUTH_MODE === "dev")
    return { issuer: DEV_ISSUER, jwksUrl: new URL(`${DEV_ISSUER}/.well-known/jwks.json`), clientId: DEV_CLIENT_ID, tokenUse: "id" };
  const { COGNITO_REGION: region, COGNITO_USER_POOL_ID: pool, COGNITO_CLIENT_ID: clientId } = env;
  if (env.AUTH_MODE !== "cognito" || !region || !pool || !clientId)
    throw new ApiError("internal", "Host sign-in is not configured.");
  const issuer = `https://cognito-idp.${region}.amazonaws.com/${pool}`;
  const tokenUse = env.COGNITO_TOKEN_USE === "access" ? "access" : "id";
  return { issuer, jwksUrl: new URL(`${issuer}/.well-known/jwks.json`), clientId, tokenUse };
}

// Key sets live at module scope so their cache survives between requests of one isolate.
const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

function keySet(env: Env, cfg: IssuerConfig) {
  let set = keySets.get(cfg.jwksUrl.href);
  if (!set) {
    // The dev issuer's JWKS is served by this Worker; fetch it in-process through the same code path.
    const options = env.AUTH_MODE === "dev" ? { [customFetch]: async () => Response.json(await devJwks(env)) } : {};
    set = createRemoteJWKSet(cfg.jwksUrl, options);
    keySets.set(cfg.jwksUrl.href, set);
  }
  return set;
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
      clockTolerance: 5,
      ...(cfg.tokenUse === "id" ? { audience: cfg.clientId } : {}),
    }));
  } catch (err) {
    if (err instanceof errors.JOSEError) throw new ApiError("unauthorized", `Invalid token (${err.code}).`);
    throw err;
  }
  if (payload.token_use !== cfg.tokenUse) throw new ApiError("unauthorized", "Invalid token (wrong token_use).");
  if (cfg.tokenUse === "access" && payload.client_id !== cfg.clientId)
    throw new ApiError("unauthorized", "Invalid token (wrong client_id).");
  const groups = Array.isArray(payload["cognito:groups"]) ? (payload["cognito:groups"] as unknown[]) : [];
  const roles = groups.filter((g): g is Role => g === "host" || g === "admin");
  if (roles.length === 0) throw new ApiError("forbidden", "This account is not in the host or admin group.");
  const name = typeof payload.name === "string" ? payload.name : String(payload["cognito:username"] ?? payload.sub);
  return { sub: payload.sub!, name, roles };
}
