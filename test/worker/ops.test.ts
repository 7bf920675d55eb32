// Operations: health, structured logs captured inside workerd, and the admin ops view of a game
// this test plays.
import { env, exports } from "cloudflare:workers";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Health, OpsSnapshot } from "../../worker/protocol";
import { api, connect, lobby, ORIGIN, quiz, signIn } from "./client";

const answer = (question: number, choice: number, answerId: string) => ({ type: "answer" as const, question, choice, answerId });
const counters = () => env.OPS_COUNTERS!.get(env.OPS_COUNTERS!.idFromName("global"));

/** Captures every console line written in this isolate (the Worker and its Durable Objects run here). */
function captureLogs() {
  const lines: string[] = [];
  for (const m of ["log", "warn", "error"] as const) vi.spyOn(console, m).mockImplementation((l: unknown) => void lines.push(String(l)));
  return lines;
}
const parsed = (lines: string[]) => lines.map((l) => JSON.parse(l) as Record<string, unknown>);

afterEach(() => vi.restoreAllMocks());

describe("GET /api/health", () => {
  it("answers 200 with version, commit and every check ok, without a token", async () => {
    const res = await api("/api/health");
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const body = Health.parse(await res.json());
    expect(body).toEqual({ ok: true, version: "dev", commit: "dev", checks: { worker: "ok", d1: "ok", queue: "ok", rooms: "ok" } });
  });
});

describe("GET /api/admin/ops", () => {
  beforeEach(async () => {
    await counters().reset();
  });

  it("refuses anonymous callers and hosts who are not admins", async () => {
    expect((await api("/api/admin/ops")).status).toBe(401);
    expect((await api("/api/admin/ops", { token: await signIn("Host") })).status).toBe(403);
  });

  it("shows a live game while it runs, then its counts and estimated cost once it ends", async () => {
    const admin = await signIn("Ops Admin", ["admin"]);
    const ops = async () => {
      const res = await api("/api/admin/ops", { token: admin });
      expect(res.status).toBe(200);
      return OpsSnapshot.parse(await res.json());
    };
    const { game, host, players } = await lobby(3, { quiz: quiz(1), settings: { previewSec: 0, keepAnswerOrder: true } });
    const [a, b, c] = players.map((p) => p.socket);

    // Joins reach the live view within the room's flush interval, without any phase change.
    const lobbyView = await vi.waitUntil(
      async () => {
        const s = await ops();
        return s.games.find((g) => g.pin === game.pin && g.players === 3) ? s : null;
      },
      { timeout: 6000, interval: 200 },
    );
    expect(lobbyView.countersAvailable).toBe(true);
    expect(lobbyView.live.games).toBeGreaterThanOrEqual(1);
    expect(lobbyView.totals["players.joined"]).toBe(3);
    expect(lobbyView.games.find((g) => g.pin === game.pin)).toMatchObject({ gameId: game.gameId, phase: "lobby", players: 3, connected: 3 });

    host.send({ type: "start" });
    await a!.next("open");
    a!.send(answer(0, 0, "a0"));
    await a!.next("ack");
    a!.send(answer(0, 1, "a0-again")); // refused: already answered
    expect(await a!.next("error")).toMatchObject({ code: "already-answered" });
    b!.send(answer(0, 1, "b0"));
    c!.send(answer(0, 0, "c0"));
    await a!.next("reveal");
    host.send({ type: "next" });
    await host.next("leaderboard");
    host.send({ type: "next" });
    await host.next("podium");

    const done = await vi.waitUntil(
      async () => {
        const s = await ops();
        // The archive is sent after the podium's flush, so it arrives with the next batch.
        return s.finished.some((f) => f.gameId === game.gameId) && s.totals["queue.sent"] && s.totals["queue.written"] ? s : null;
      },
      { timeout: 8000, interval: 200 },
    );
    expect(done.totals).toMatchObject({
      "games.created": 1,
      "games.started": 1,
      "games.ended:finished": 1,
      "players.joined": 3,
      "answers.accepted": 3,
      "answers.rejected:already-answered": 1,
      "queue.sent": 1,
      "queue.written": 1,
    });
    expect(done.errors).toContainEqual({ source: "answer", code: "already-answered", count: 1 });
    expect(done.fanout.count).toBeGreaterThan(0);
    expect(done.fanout.meanRecipients).toBeGreaterThanOrEqual(3);
    expect(done.live.answersPerSec).toBeGreaterThan(0);
    const f = done.finished.find((x) => x.gameId === game.gameId)!;
    expect(f).toMatchObject({ pin: game.pin, players: 3, questions: 1, answers: 3 });
    expect(f.usage.wsMessagesIn).toBeGreaterThanOrEqual(5); // start, 4 answers, next…
    expect(f.usage.wsMessagesOut).toBeGreaterThan(f.usage.wsMessagesIn);
    expect(f.usage.storageRowsWritten).toBeGreaterThan(3);
    expect(f.costUsd).toBeGreaterThan(0);
    expect(f.costUsd).toBeLessThan(0.01);
    // At the podium the game is still live (players look at it); ending it removes it.
    expect(done.games.find((g) => g.pin === game.pin)?.phase).toBe("podium");
    host.send({ type: "end" });
    await vi.waitUntil(async () => !(await ops()).games.some((g) => g.pin === game.pin), { timeout: 6000, interval: 200 });
    for (const s of [host, a, b, c]) s!.close();
  });

  it("counts HTTP refusals by code", async () => {
    const admin = await signIn("Ops Admin", ["admin"]);
    await api("/api/nothing-here");
    const s = await vi.waitUntil(
      async () => {
        const snap = OpsSnapshot.parse(await (await api("/api/admin/ops", { token: admin })).json());
        return snap.totals["http.errors:not-found"] ? snap : null;
      },
      { timeout: 8000, interval: 500 },
    );
    expect(s.errors).toContainEqual(expect.objectContaining({ source: "http", code: "not-found" }));
  });

  it("still answers with the archive backlog when the live counters are unavailable", async () => {
    const { app } = await import("../../worker/http/app");
    const token = await signIn("Ops", ["admin"]);
    const res = await app.fetch(new Request(`${ORIGIN}/api/admin/ops`, { headers: { Authorization: `Bearer ${token}` } }), {
      ...env,
      OPS_COUNTERS: undefined,
    });
    expect(res.status).toBe(200);
    const body = OpsSnapshot.parse(await res.json());
    expect(body.countersAvailable).toBe(false);
    expect(body.archive).toMatchObject({ retrying: expect.any(Number), dead: expect.any(Number) });
  });
});

describe("structured logs", () => {
  it("every line is JSON with level, event and request id; room lines carry the PIN and the upgrade's request id", async () => {
    const { game, players } = await lobby(1);
    const lines = captureLogs();
    // A REST request with a cf-ray: its access line carries that id.
    const ray = "8f3a1b2c3d4e5f60-FRA";
    const res = await exports.default.fetch(new Request(`${ORIGIN}/api/games/${game.pin}`, { headers: { "cf-ray": ray } }));
    expect(res.status).toBe(200);
    // A socket upgraded with another cf-ray: the room's lines about that socket carry it.
    const socketRay = "0123456789abcdef-AMS";
    const j = players[0]!;
    const up = await exports.default.fetch(
      new Request(`${ORIGIN}/api/games/${game.pin}/ws?ticket=${encodeURIComponent(j.ticket)}`, { headers: { Upgrade: "websocket", "cf-ray": socketRay } }),
    );
    up.webSocket!.accept();
    up.webSocket!.send("not json");
    await vi.waitUntil(() => parsed(lines).some((l) => l.event === "room.bad-frame"), { timeout: 5000 });

    const all = parsed(lines);
    for (const l of all) {
      expect(typeof l.level).toBe("string");
      expect(["info", "warn", "error"]).toContain(l.level);
      expect(typeof l.event).toBe("string");
      expect(typeof l.requestId).toBe("string");
      expect(l.requestId).not.toBe("none");
    }
    expect(all).toContainEqual(expect.objectContaining({ event: "http.request", requestId: ray, route: "/api/games/:pin", status: 200 }));
    expect(all).toContainEqual(
      expect.objectContaining({ level: "warn", event: "room.bad-frame", requestId: socketRay, source: "room", pin: game.pin, gameId: game.gameId }),
    );
    // No secrets: neither the socket ticket nor the resume token appear anywhere.
    const text = lines.join("\n");
    expect(text).not.toContain(j.ticket);
    expect(text).not.toContain(j.resumeToken);
    up.webSocket!.close(1000, "bye");
  });

  it("an unexpected failure logs its cause with the request id and answers a generic 500 without a stack", async () => {
    const lines = captureLogs();
    // A D1 that throws: the admin ops route cannot read the archive backlog.
    const broken = { ...env, DB: { prepare: () => { throw new Error("D1 is down"); } } as unknown as D1Database };
    const { app } = await import("../../worker/http/app");
    const token = await signIn("Ops", ["admin"]);
    const res = await app.fetch(new Request(`${ORIGIN}/api/admin/ops`, { headers: { Authorization: `Bearer ${token}` } }), broken);
    expect(res.status).toBe(500);
    const body = await res.text();
    expect(body).not.toContain("D1 is down");
    expect(body).not.toMatch(/\bat .*\.(ts|js)/);
    const line = parsed(lines).find((l) => l.event === "http.unhandled");
    expect(line).toMatchObject({ level: "error", cause: "Error: D1 is down", path: "/api/admin/ops" });
    expect(line!.cause).not.toContain("\n");
  });
});
