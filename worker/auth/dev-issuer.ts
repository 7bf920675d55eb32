// A local stand-in for Cognito: its own RSA key pair and JWKS, so `wrangler dev` needs no AWS.
// Tokens carry the same claims a Cognito ID token does and go through the same verifier.
import { SignJWT, exportJWK, generateKeyPair, importJWK, type JWK } from "jose";
import type { Env } from "../env";

export const DEV_ISSUER = "https://dev-issuer.quiz.invalid";
export const DEV_CLIENT_ID = "quiz-dev-client";
export const DEV_TOKEN_TTL_SEC = 12 * 3600;

interface DevKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

let cached: Promise<DevKey> | undefined;

async function load(env: Env): Promise<DevKey> {
  if (env.DEV_SIGNING_KEY) {
    const jwk = JSON.parse(env.DEV_SIGNING_KEY) as JWK;
    const { d, p, q, dp, dq, qi, ...publicJwk } = jwk;
    const kid = jwk.kid ?? "dev";
    return { kid, privateKey: (await importJWK(jwk, "RS256")) as CryptoKey, publicJwk: { ...publicJwk, kid, alg: "RS256", use: "sig" } };
  }
  // No configured key (plain `wrangler dev`): one per isolate; tokens end with the process.
  const pair = await generateKeyPair("RS256", { extractable: true });
  const kid = `dev-${crypto.randomUUID().slice(0, 8)}`;
  return { kid, privateKey: pair.privateKey, publicJwk: { ...(await exportJWK(pair.publicKey)), kid, alg: "RS256", use: "sig" } };
}

const devKey = (env: Env) => (cached ??= load(env));

export async function devJwks(env: Env): Promise<{ keys: JWK[] }> {
  return { keys: [(await devKey(env)).publicJwk] };
}

export async function signDevToken(env: Env, name: string, groups: string[]): Promise<{ token: string; expiresAt: number }> {
  const key = await devKey(env);
  const sub = `dev-${name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "host"}`;
  const expiresAt = Math.floor(Date.now() / 1000) + DEV_TOKEN_TTL_SEC;
  const token = await new SignJWT({ token_use: "id", name, "cognito:username": sub, "cognito:groups": groups })
    .setProtectedHeader({ alg: "RS256", kid: key.kid })
    .setIssuer(DEV_ISSUER)
    .setAudience(DEV_CLIENT_ID)
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(expiresAt)
    .sign(key.privateKey);
  return { token, expiresAt: expiresAt * 1000 };
}
