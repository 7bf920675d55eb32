// Transport headers, CORS, and what production settings refuse.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { app } from "../../worker/http/app";
import { api, createGame, quiz, signIn } from "./client";

const EVIL = "https://evil.example";

describe("security headers", () => {
  it("every API answer carries HSTS, a deny-all CSP and nosniff", async () => {
    for (const path of ["/api/health", "/api/auth/me", "/api/nope"]) {
      const res = await api(path);
      expect(res.headers.get("Strict-Transport-Security")).toBe("max-age=31536000; includeSubDomains");
      expect(res.headers.get("Content-Security-Policy")).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    }
  });

  it("no CORS on any route: no Access-Control-Allow-Origin for a foreign origin, preflights included", async () => {
    const token = await signIn();
    const game = await createGame(token, { quiz: quiz() });
    const routes: [string, string][] = [["GET", "/api/auth/me"], ["POST", "/api/games"], ["POST", `/api/games/${game.pin}/host-ticket`], ["GET", "/api/me/export"], ["GET", "/api/admin/metrics"], ["GET", `/api/games/${game.pin}`]];
    for (const [method, path] of routes) {
      const res = await api(path, { method, token, headers: { Origin: EVIL } });
      expect(res.headers.get("Access-Control-Allow-Origin"), path).toBeNull();
      expect(res.headers.get("Access-Control-Allow-Credentials"), path).toBeNull();
      const pre = await api(path, { method: "OPTIONS", headers: { Origin: EVIL, "Access-Control-Request-Method": method, "Access-Control-Request-Headers": "authorization" } });
      expect(pre.headers.get("Access-Control-Allow-Origin"), path).toBeNull();
    }
  });
});

describe("production settings", () => {
  const prod = { ...env, ENVIRONMENT: "production" };
  const call = (path: string, e: object, init: RequestInit = {}) => app.fetch(new Request(`http://quiz.test${path}`, init), e);

  it("turn the dev sign-in and its JWKS off", async () => {
    for (const ENVIRONMENT of ["production", undefined]) {
      const res = await call("/api/auth/dev/sign-in", { ...env, ENVIRONMENT }, { method: "POST", body: "{}" });
      expect(res.status).toBe(404);
      expect((await call("/api/auth/dev/.well-known/jwks.json", { ...env, ENVIRONMENT })).status).toBe(404);
    }
  });

  it("refuse dev-issued tokens with a 500 even when AUTH_MODE is still dev", async () => {
    const token = await signIn("Sneaky", ["admin"]);
    const res = await call("/api/auth/me", prod, { headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(500);
    expect(await res.json()).toMatchObject({ error: { code: "internal" } });
  });

  it("refuse to sign tickets without a TICKET_SECRET", async () => {
    const game = await createGame(await signIn(), { quiz: quiz() });
    const res = await call(`/api/games/${game.pin}/join`, { ...prod, TICKET_SECRET: undefined }, { method: "POST", body: JSON.stringify({ nickname: "Nope" }) });
    expect(res.status).toBe(500);
  });
});
