import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevServer, type DevServer } from "./dev-server";

let server: DevServer;
beforeAll(async () => {
  server = await startDevServer();
});
afterAll(async () => {
  await server?.stop();
});

const bots = (...args: string[]) =>
  spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "test/load/bots.ts", "--url", server.url, ...args], {
    encoding: "utf8",
    timeout: 150_000,
  });

describe("the dev server with scripted players", () => {
  it("plays an Open Trivia DB game with 12 bots to the podium and archives it", () => {
    const run = bots("--quiz", "test/fixtures/opentdb-sample.json", "--players", "12", "--questions", "3", "--think-ms", "400");
    expect(run.status, run.stderr + server.output().slice(-2000)).toBe(0);
    const lines = run.stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    const report = JSON.parse(lines[0]!);
    expect(report).toMatchObject({ players: 12, questions: 3, archived: true });
    expect(report.answersAccepted).toBe(report.answersSent);
    expect(report.podium).toHaveLength(3);
    expect(report.podium[0].score).toBeGreaterThanOrEqual(report.podium[1].score);
    for (const k of ["fanoutMsP50", "fanoutMsP99", "ackMsP99"]) expect(report[k]).toBeGreaterThan(0);
  });

  it("shows the bots game on the admin ops view of the dev server, and answers health", async () => {
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, version: "dev", checks: { d1: "ok", queue: "ok", rooms: "ok" } });
    const signIn = await fetch(`${server.url}/api/auth/dev/sign-in`, { method: "POST", body: JSON.stringify({ name: "Ops", groups: ["admin"] }) });
    const { token } = (await signIn.json()) as { token: string };
    const ops = (await (await fetch(`${server.url}/api/admin/ops`, { headers: { Authorization: `Bearer ${token}` } })).json()) as {
      totals: Record<string, number>;
      finished: { players: number; answers: number; costUsd: number }[];
    };
    // The game of the first test: 12 players joined, and it is priced among the finished games.
    expect(ops.totals["players.joined"]).toBeGreaterThanOrEqual(12);
    expect(ops.finished.find((f) => f.players === 12)).toMatchObject({ players: 12, costUsd: expect.any(Number) });
    expect((await fetch(`${server.url}/admin`)).status).toBe(200);
  });

  it("exits non-zero with a message when the quiz is not a quiz", () => {
    const run = bots("--quiz", "package.json", "--players", "2");
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/bad-quiz|quiz could not be read/i);
    expect(run.stdout).toBe("");
  });

  it("serves the web app for deep links and JSON errors for unknown API routes", async () => {
    const page = await fetch(`${server.url}/join/123456`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="app">');
    const api = await fetch(`${server.url}/api/nope`);
    expect(api.status).toBe(404);
    expect(await api.json()).toMatchObject({ error: { code: "not-found" } });
  });

  it("serves the web app with HSTS and a strict CSP from _headers, and the API with its own", async () => {
    for (const path of ["/", "/join/123456"]) {
      const page = await fetch(`${server.url}${path}`);
      expect(page.headers.get("Strict-Transport-Security")).toBe("max-age=31536000; includeSubDomains");
      const csp = page.headers.get("Content-Security-Policy") ?? "";
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
      // The CSP forbids inline code, so the page must have none.
      expect(await page.text()).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>|<style|\sstyle=/);
    }
    const api = await fetch(`${server.url}/api/health`);
    expect(api.headers.get("Content-Security-Policy")).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(api.headers.get("Access-Control-Allow-Origin")).toBeNull();
  });
});
