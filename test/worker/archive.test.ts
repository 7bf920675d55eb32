import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { consumeArchive } from "../../worker/archive/consumer";
import worker from "../../worker/index";
import { D1Sink } from "../../worker/archive/d1-sink";
import { toArchiveMessage } from "../../worker/archive/reference";
import { SinkError, type ArchiveSink } from "../../worker/archive/sink";
import { ArchiveFailureList, type ArchiveMessage, type GameResult, type RedriveResponse } from "../../worker/protocol";
import { api, signIn } from "./client";
import { syntheticResult } from "./synthetic-result";

let seq = 0;
const message = (body: unknown, attempts = 1) => ({ id: `m${++seq}`, timestamp: new Date(), attempts, body });

/** Runs the Worker's queue handler on a hand-made batch and returns what it acked and retried. */
async function deliver(queue: string, ...messages: ReturnType<typeof message>[]) {
  const batch = createMessageBatch(queue, messages);
  const ctx = createExecutionContext();
  await worker.queue(batch, env, ctx);
  return getQueueResult(batch, ctx);
}

const inline = (result: GameResult): ArchiveMessage => ({ v: 1, kind: "inline", result });
const countRows = async (gameId: string) =>
  (await env.DB.prepare("SELECT count(*) AS n FROM games WHERE id = ?").bind(gameId).first<{ n: number }>())!.n;
const failure = (id: string) => env.DB.prepare("SELECT status, permanent, error, attempts FROM archive_failures WHERE id = ?").bind(id).first();

describe("the archive consumer", () => {
  it("acks a valid result and writes exactly one row, however often it is delivered", async () => {
    const r = syntheticResult(3, 2);
    const first = await deliver("quiz-archive", message(inline(r)), message(inline(r)));
    expect(first.explicitAcks).toHaveLength(2);
    expect(first.retryMessages).toEqual([]);
    const again = await deliver("quiz-archive", message(inline(r), 2));
    expect(again.explicitAcks).toHaveLength(1);
    expect(await countRows(r.gameId)).toBe(1);
    expect(await new D1Sink(env.DB).read(r.gameId)).toEqual(r);
  });

  it("retries a transient failure with exponential backoff and keeps the other sink's write", async () => {
    const r = syntheticResult(2, 1);
    const flaky: ArchiveSink = { name: "flaky", write: () => Promise.reject(new SinkError("flaky", true, "HTTP 503")), read: async () => null };
    for (const attempts of [1, 3]) {
      const batch = createMessageBatch("quiz-archive", [message(inline(r), attempts)]);
      // getQueueResult reports which messages were retried but not their delay: watch the call itself.
      const retry = vi.spyOn(batch.messages[0]!, "retry");
      const ctx = createExecutionContext();
      await consumeArchive(batch, env, [new D1Sink(env.DB), flaky]);
      const res = await getQueueResult(batch, ctx);
      expect(res.explicitAcks).toEqual([]);
      expect(res.retryMessages).toEqual([{ msgId: batch.messages[0]!.id }]);
      expect(retry).toHaveBeenCalledWith({ delaySeconds: 2 ** attempts });
    }
    expect(await countRows(r.gameId)).toBe(1); // D1 got it although the other sink failed
    expect(await failure(r.gameId)).toMatchObject({ status: "retrying", permanent: 0, attempts: 3 });
    expect(String((await failure(r.gameId))!.error)).toContain("503");
  });

  it("treats an unreachable MongoDB endpoint as transient and still writes D1", async () => {
    const r = syntheticResult(2, 1);
    const batch = createMessageBatch("quiz-archive", [message(inline(r))]);
    const retry = vi.spyOn(batch.messages[0]!, "retry");
    const ctx = createExecutionContext();
    // Port 9 (discard) is closed here: the Data API call fails at the network level.
    await consumeArchive(batch, { ...env, MONGO_DATA_API_URL: "http://127.0.0.1:9/api", MONGO_DATA_API_KEY: "k", MONGO_TIMEOUT_MS: "2000" });
    const res = await getQueueResult(batch, ctx);
    expect(res.retryMessages).toEqual([{ msgId: batch.messages[0]!.id }]);
    expect(retry).toHaveBeenCalledWith({ delaySeconds: 2 });
    expect(await failure(r.gameId)).toMatchObject({ status: "retrying", permanent: 0 });
    expect(await countRows(r.gameId)).toBe(1);
  });

  it("dead-letters an invalid message at once and records it for the admin", async () => {
    const gameId = crypto.randomUUID();
    const res = await deliver("quiz-archive", message({ v: 1, kind: "inline", result: { gameId, players: "nope" } }));
    expect(res.explicitAcks).toHaveLength(1); // acked here because it was sent to the DLQ explicitly
    expect(res.retryMessages).toEqual([]);
    const row = await vi.waitUntil(async () => (await failure(gameId))?.status === "dead" && failure(gameId), { timeout: 5000, interval: 50 });
    expect(row).toMatchObject({ permanent: 1 });
    expect(String(row && row.error)).toMatch(/invalid archive message/);
  });

  it("sends a 2,000-player, 30-question result by reference, stores it in parts, and acks a redelivery", async () => {
    const r = syntheticResult(2000, 30);
    const json = JSON.stringify(r);
    const msg = await toArchiveMessage(env.DB, r);
    expect(msg.kind).toBe("stored");
    const msgBytes = new TextEncoder().encode(JSON.stringify(msg)).byteLength;
    expect(msgBytes).toBeLessThan(128 * 1024);
    const res = await deliver("quiz-archive", message(msg));
    expect(res.explicitAcks).toHaveLength(1);
    const row = await env.DB.prepare("SELECT parts, bytes, players FROM games WHERE id = ?").bind(r.gameId).first<{ parts: number; bytes: number; players: number }>();
    expect(row).toMatchObject({ players: 2000, bytes: new TextEncoder().encode(json).byteLength });
    expect(row!.parts).toBeGreaterThan(1); // over one D1 value's 2 MB cap in one piece
    const staged = await env.DB.prepare("SELECT count(*) AS n FROM archive_parts WHERE game_id = ?").bind(r.gameId).first<{ n: number }>();
    expect(staged!.n).toBe(0);
    const t0 = Date.now();
    expect(await new D1Sink(env.DB).read(r.gameId)).toEqual(r);
    const readMs = Date.now() - t0;
    // The staged parts are gone now; a redelivery of the reference is recognised and acked.
    const dup = await deliver("quiz-archive", message(msg, 2));
    expect(dup.explicitAcks).toHaveLength(1);
    expect(await countRows(r.gameId)).toBe(1);
    console.warn(JSON.stringify({ measured: "2000x30", resultBytes: json.length, parts: row!.parts, messageBytes: msgBytes, readMs }));
  });

  it("ends a forced failure in the DLQ, lists it for admins only, and redrives it once fixed", async () => {
    const r = syntheticResult(5, 3);
    // A reference whose stored body lacks a part: the consumer cannot build the result (permanent).
    const broken: ArchiveMessage = { v: 1, kind: "stored", gameId: r.gameId, parts: 1, bytes: 10 };
    await env.ARCHIVE.send(broken, { contentType: "json" });
    await vi.waitUntil(async () => (await failure(r.gameId))?.status === "dead", { timeout: 8000, interval: 50 });

    const admin = await signIn("Archive Admin", ["admin"]);
    const host = await signIn("Plain Host", ["host"]);
    expect((await api("/api/admin/archive/failures", { token: host })).status).toBe(403);
    expect((await api("/api/admin/archive/failures")).status).toBe(401);
    const list = ArchiveFailureList.parse(await (await api("/api/admin/archive/failures?status=dead", { token: admin })).json());
    expect(list.failures.find((f) => f.id === r.gameId)).toMatchObject({ gameId: r.gameId, status: "dead", permanent: true, redrivable: true });
    expect((await api("/api/admin/archive/failures?status=zombie", { token: admin })).status).toBe(400);

    // The operator restores the missing body, then redrives.
    await env.DB.prepare("INSERT INTO archive_parts (game_id, part, body) VALUES (?, 0, ?)").bind(r.gameId, JSON.stringify(r)).run();
    const redrive = await api("/api/admin/archive/redrive", { method: "POST", token: admin, json: { ids: [r.gameId, "nope"] } });
    expect(await redrive.json()).toEqual({ redriven: [r.gameId], skipped: [{ id: "nope", reason: "not-found" }] } satisfies RedriveResponse);
    await vi.waitUntil(async () => (await countRows(r.gameId)) === 1, { timeout: 8000, interval: 50 });
    await vi.waitUntil(async () => (await failure(r.gameId))?.status === "resolved", { timeout: 5000, interval: 50 });
    expect(await new D1Sink(env.DB).read(r.gameId)).toEqual(r);

    // Redriving again does nothing: the failure is no longer dead.
    const again = await api("/api/admin/archive/redrive", { method: "POST", token: admin, json: { ids: [r.gameId] } });
    expect(await again.json()).toEqual({ redriven: [], skipped: [{ id: r.gameId, reason: "not-dead" }] });
    const bad = await api("/api/admin/archive/redrive", { method: "POST", token: admin, json: { ids: [] } });
    expect(bad.status).toBe(400);
  });

  it("records a message that exhausted its retries in the DLQ even without an earlier error", async () => {
    const gameId = crypto.randomUUID();
    const res = await deliver("quiz-archive-dlq", message({ v: 1, kind: "stored", gameId, parts: 2, bytes: 5 }, 6));
    expect(res.explicitAcks).toHaveLength(1);
    expect(await failure(gameId)).toMatchObject({ status: "dead", attempts: 6 });
  });
});
