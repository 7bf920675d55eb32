// The token matrix against a real JWKS served over HTTP by node:http: the verifier fetches it
// through jose's real fetch path, exactly as it fetches Cognito's in production.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SignJWT, exportJWK, generateKeyPair, type JWK } from "jose";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Env } from "../../../worker/env";
import { ApiError } from "../../../worker/http/api-error";
import { issuerConfig } from "../../../worker/auth/issuer-config";
import { verifyHost } from "../../../worker/auth/verify-host";

const REGION = "eu-west-1";
const POOL = "eu-west-1_TestPool";
const CLIENT = "test-app-client";
const ISSUER = `https://cognito-idp.${REGION}.amazonaws.com/${POOL}`;

type Key = { kid: string; privateKey: Awaited<ReturnType<typeof generateKeyPair>>["privateKey"]; publicJwk: JWK };
async function makeKey(kid: string): Promise<Key> {
  const pair = await generateKeyPair("RS256", { extractable: true });
  return { kid, privateKey: pair.privateKey, publicJwk: { ...(await exportJWK(pair.publicKey)), kid, alg: "RS256", use: "sig" } };
}

// Each path is its own key set (the verifier caches key sets per URL), with a hit counter.
const served = new Map<string, Key[]>();
const hits = new Map<string, number>();
let server: Server;
let base = "";
let keyA: Key;

beforeAll(async () => {
  keyA = await makeKey("key-a");
  server = createServer((req, res) => {
    const keys = served.get(req.url ?? "");
    hits.set(req.url ?? "", (hits.get(req.url ?? "") ?? 0) + 1);
    if (!keys) return res.writeHead(404).end();
    res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ keys: keys.map((k) => k.publicJwk) }));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

let pathCounter = 0;
/** A fresh key set URL serving `keys`, and an env pointing the verifier at it. */
function pool(keys: Key[], tokenUse: "id" | "access" = "id") {
  const path = `/pool-${++pathCounter}/.well-known/jwks.json`;
  served.set(path, keys);
  const env = {
    ENVIRONMENT: "development",
    AUTH_MODE: "cognito",
    COGNITO_REGION: REGION,
    COGNITO_USER_POOL_ID: POOL,
    COGNITO_CLIENT_ID: CLIENT,
    COGNITO_TOKEN_USE: tokenUse,
    COGNITO_JWKS_URL: `${base}${path}`,
  } as Env;
  return { env, path, fetches: () => hits.get(path) ?? 0 };
}

const now = () => Math.floor(Date.now() / 1000);

/** A Cognito-shaped ID token; `over` replaces claims, `header` the protected header. */
function idToken(key: Key, over: Record<string, unknown> = {}, header: Record<string, unknown> = {}) {
  const claims = { sub: "user-1", token_use: "id", aud: CLIENT, iss: ISSUER, "cognito:groups": ["host"], name: "Ada", iat: now(), exp: now() + 3600, ...over };
  return new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: key.kid, ...header }).sign(key.privateKey);
}

/** A Cognito-shaped access token: no aud, client_id instead. */
function accessToken(key: Key, over: Record<string, unknown> = {}) {
  const claims = { sub: "user-2", token_use: "access", client_id: CLIENT, iss: ISSUER, username: "grace", "cognito:groups": ["admin"], scope: "aws.cognito.signin.user.admin", iat: now(), exp: now() + 3600, ...over };
  return new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: key.kid }).sign(key.privateKey);
}

const b64url = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");

/** The status and code the route would answer with. */
async function verdict(env: Env, token: string): Promise<{ status: number; code: string }> {
  try {
    await verifyHost(env, `Bearer ${token}`);
    return { status: 200, code: "ok" };
  } catch (err) {
    if (err instanceof ApiError) return { status: err.status, code: err.code };
    throw err;
  }
}

describe("host token verification against a JWKS over HTTP", () => {
  it("accepts a valid ID token and reads roles from cognito:groups", async () => {
    const { env, fetches } = pool([keyA]);
    await expect(verifyHost(env, `Bearer ${await idToken(keyA)}`)).resolves.toEqual({ sub: "user-1", name: "Ada", roles: ["host"] });
    expect(fetches()).toBe(1);
  });

  it("accepts a valid access token when configured for access tokens", async () => {
    const { env } = pool([keyA], "access");
    await expect(verifyHost(env, `Bearer ${await accessToken(keyA)}`)).resolves.toEqual({ sub: "user-2", name: "grace", roles: ["admin"] });
  });

  it("caches the key set: ten verifications, one fetch", async () => {
    const { env, fetches } = pool([keyA]);
    for (let i = 0; i < 10; i++) expect((await verdict(env, await idToken(keyA))).status).toBe(200);
    expect(fetches()).toBe(1);
  });

  const cases: [string, (k: Key) => Promise<string>, "id" | "access", number, string][] = [
    ["expired", (k) => idToken(k, { iat: now() - 7200, exp: now() - 60 }), "id", 401, "token-expired"],
    ["not yet valid (nbf in the future)", (k) => idToken(k, { nbf: now() + 600 }), "id", 401, "invalid-token"],
    ["wrong issuer", (k) => idToken(k, { iss: "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other" }), "id", 401, "invalid-token"],
    ["wrong audience", (k) => idToken(k, { aud: "another-client" }), "id", 401, "invalid-token"],
    ["wrong client_id on an access token", (k) => accessToken(k, { client_id: "another-client" }), "access", 401, "invalid-token"],
    ["an access token where ID tokens are expected", (k) => accessToken(k, { aud: CLIENT }), "id", 401, "invalid-token"],
    ["an ID token where access tokens are expected", (k) => idToken(k, { client_id: CLIENT }), "access", 401, "invalid-token"],
    ["no host or admin group", (k) => idToken(k, { "cognito:groups": ["students"] }), "id", 403, "forbidden"],
    ["no exp claim", (k) => idToken(k, { exp: undefined }), "id", 401, "invalid-token"],
  ];
  for (const [name, mint, use, status, code] of cases)
    it(`refuses ${name}: ${status} ${code}`, async () => {
      const { env } = pool([keyA], use);
      expect(await verdict(env, await mint(keyA))).toEqual({ status, code });
    });

  it("tolerates 5 s of clock skew, not more", async () => {
    const { env } = pool([keyA]);
    expect((await verdict(env, await idToken(keyA, { exp: now() - 3 }))).status).toBe(200);
    expect(await verdict(env, await idToken(keyA, { exp: now() - 10 }))).toEqual({ status: 401, code: "token-expired" });
  });

  it("refuses alg none", async () => {
    const { env } = pool([keyA]);
    const claims = { sub: "x", token_use: "id", aud: CLIENT, iss: ISSUER, "cognito:groups": ["admin"], exp: now() + 600 };
    const token = `${b64url({ alg: "none", typ: "JWT" })}.${b64url(claims)}.`;
    expect(await verdict(env, token)).toEqual({ status: 401, code: "invalid-token" });
  });

  it("refuses HS256 signed with the public key as the HMAC secret", async () => {
    const { env } = pool([keyA]);
    const secret = new TextEncoder().encode(JSON.stringify(keyA.publicJwk));
    const claims = { sub: "x", token_use: "id", aud: CLIENT, iss: ISSUER, "cognito:groups": ["admin"], exp: now() + 600 };
    const token = await new SignJWT(claims).setProtectedHeader({ alg: "HS256", kid: keyA.kid }).sign(secret);
    expect(await verdict(env, token)).toEqual({ status: 401, code: "invalid-token" });
  });

  it("refuses a tampered payload (groups raised to admin after signing)", async () => {
    const { env } = pool([keyA]);
    const [h, , s] = (await idToken(keyA)).split(".");
    const forged = { sub: "user-1", token_use: "id", aud: CLIENT, iss: ISSUER, "cognito:groups": ["admin"], iat: now(), exp: now() + 3600 };
    expect(await verdict(env, `${h}.${b64url(forged)}.${s}`)).toEqual({ status: 401, code: "invalid-token" });
  });

  it("refuses a token signed by an unknown key that reuses a known kid", async () => {
    const { env } = pool([keyA]);
    const impostor = await makeKey(keyA.kid);
    expect(await verdict(env, await idToken(impostor))).toEqual({ status: 401, code: "invalid-token" });
  });

  it("follows key rotation: an unknown kid refetches the set once, and never more often than every 30 s", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      const keyB = await makeKey("key-b");
      const stranger = await makeKey("key-unknown");
      const { env, path, fetches } = pool([keyA]);
      expect((await verdict(env, await idToken(keyA))).status).toBe(200);
      expect(fetches()).toBe(1);

      // Cognito publishes key B; the first token signed with it makes the verifier look again.
      served.set(path, [keyA, keyB]);
      vi.setSystemTime(Date.now() + 31_000);
      expect((await verdict(env, await idToken(keyB))).status).toBe(200);
      expect(fetches()).toBe(2);

      // A kid nobody publishes: 401, and within the cooldown no new fetch (no refetch storm).
      expect(await verdict(env, await idToken(stranger))).toEqual({ status: 401, code: "invalid-token" });
      expect(fetches()).toBe(2);
      // After the cooldown: exactly one refetch, then 401 again.
      vi.setSystemTime(Date.now() + 31_000);
      expect(await verdict(env, await idToken(stranger))).toEqual({ status: 401, code: "invalid-token" });
      expect(fetches()).toBe(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it("answers 503 auth-unavailable when the JWKS endpoint fails, not 401", async () => {
    const { env } = pool([keyA]);
    const broken = { ...env, COGNITO_JWKS_URL: `${base}/no-such-pool/jwks.json` } as Env;
    expect(await verdict(broken, await idToken(keyA))).toEqual({ status: 503, code: "auth-unavailable" });
  });

  it("refuses a missing or non-Bearer Authorization header: 401 unauthorized", async () => {
    const { env } = pool([keyA]);
    for (const h of [undefined, "", "Basic abc", `Bearer`])
      await expect(verifyHost(env, h)).rejects.toMatchObject({ status: 401, code: "unauthorized" });
  });
});

describe("issuer configuration", () => {
  const cognito = { AUTH_MODE: "cognito", COGNITO_REGION: REGION, COGNITO_USER_POOL_ID: POOL, COGNITO_CLIENT_ID: CLIENT } as Env;

  it("derives the JWKS URL from region and pool", () => {
    const cfg = issuerConfig({ ...cognito, ENVIRONMENT: "production" });
    expect(cfg.issuer).toBe(ISSUER);
    expect(cfg.jwksUrl.href).toBe(`${ISSUER}/.well-known/jwks.json`);
  });

  it("ignores a JWKS override unless ENVIRONMENT is development", () => {
    for (const ENVIRONMENT of ["production", undefined, "staging"])
      expect(issuerConfig({ ...cognito, ENVIRONMENT, COGNITO_JWKS_URL: "http://evil.example/jwks" } as Env).jwksUrl.href).toBe(
        `${ISSUER}/.well-known/jwks.json`,
      );
  });

  it("refuses the dev issuer with production settings (ENVIRONMENT unset or production)", () => {
    for (const ENVIRONMENT of ["production", undefined])
      expect(() => issuerConfig({ AUTH_MODE: "dev", ENVIRONMENT } as Env)).toThrow(/refused with production settings/);
    expect(issuerConfig({ AUTH_MODE: "dev", ENVIRONMENT: "development" } as Env).dev).toBe(true);
  });

  it("is a 500 when Cognito is selected but not configured", () => {
    expect(() => issuerConfig({ AUTH_MODE: "cognito", ENVIRONMENT: "production" } as Env)).toThrow(/not configured/);
  });
});
