import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { MongoSink } from "../../../worker/archive/mongo-sink";
import { SinkError } from "../../../worker/archive/sink";
import type { GameResult } from "../../../worker/protocol";
import { FakeDataApi } from "./fake-data-api";

const result: GameResult = {
  v: 1,
  gameId: "5b0c6f0e-2f7e-4c1a-9d7e-0c8a7d3b9a41",
  pin: "482913",
  hostId: "dev-alice",
  quiz: { title: "Capitals", shuffleAnswers: true, shuffleQuestions: false, questions: [{ type: "quiz" as const, text: "Capital of France?", choices: ["Paris", "Lyon"], correct: [0], timeLimitSec: 20, points: 1000 }] },
  createdAt: Date.UTC(2026, 0, 15, 8, 59),
  startedAt: Date.UTC(2026, 0, 15, 9, 0),
  endedAt: Date.UTC(2026, 0, 15, 9, 5),
  reason: "finished",
  players: [
    { id: "p1", nickname: "Ana", identifier: "S-17", score: 950, rank: 1, correct: 1 },
    { id: "p2", nickname: "Bob", score: 0, rank: 2, correct: 0 },
  ],
  answers: [
    { question: 0, playerId: "p1", choice: 0, correct: true, ms: 2000, points: 950, streak: 1 },
    { question: 0, playerId: "p2", choice: 1, correct: false, ms: 3000, points: 0, streak: 0 },
  ],
};

const api = new FakeDataApi("secret-key");
let base = "";
const sink = (over: Partial<ConstructorParameters<typeof MongoSink>[0]> = {}) =>
  new MongoSink({ baseUrl: base, apiKey: "secret-key", dataSource: "mongodb-atlas", database: "quiz", collection: "games", timeoutMs: 500, ...over });

beforeAll(async () => {
  base = await api.start();
});
afterAll(() => api.stop());
beforeEach(() => {
  api.requests.length = 0;
  api.forced.length = 0;
  api.collections.clear();
});

async function failure(p: Promise<unknown>): Promise<SinkError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(SinkError);
  return err as SinkError;
}

describe("the MongoDB Data API sink", () => {
  it("upserts the result keyed by game id with the documented path, headers and body", async () => {
    await sink().write(result);
    expect(api.requests).toHaveLength(1);
    const [req] = api.requests;
    expect(req!.method).toBe("POST");
    expect(req!.path).toBe("/app/data-test/endpoint/data/v1/action/updateOne");
    expect(req!.headers.apikey).toBe("secret-key");
    expect(req!.headers["content-type"]).toBe("application/json");
    const { archivedAt, ...set } = (req!.body.update as { $set: Record<string, unknown> }).$set;
    expect(req!.body).toMatchObject({ dataSource: "mongodb-atlas", database: "quiz", collection: "games", filter: { _id: result.gameId }, upsert: true });
    expect(Object.keys(req!.body).sort()).toEqual(["collection", "dataSource", "database", "filter", "update", "upsert"]);
    expect(set).toEqual({
      ...result,
      createdAt: { $date: "2026-01-15T08:59:00.000Z" },
      startedAt: { $date: "2026-01-15T09:00:00.000Z" },
      endedAt: { $date: "2026-01-15T09:05:00.000Z" },
    });
    expect(archivedAt).toEqual({ $date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) });
  });

  it("writes a redelivered result once and reads it back with findOne", async () => {
    await sink().write(result);
    await sink().write(result);
    expect(api.collections.get("quiz.games")?.size).toBe(1);
    expect(await sink().read(result.gameId)).toEqual(result);
    expect(api.requests.at(-1)).toMatchObject({ path: "/app/data-test/endpoint/data/v1/action/findOne", body: { filter: { _id: result.gameId } } });
    expect(await sink().read("missing")).toBeNull();
  });

  it("lists a host's games newest first with find", async () => {
    await sink().write(result);
    await sink().write({ ...result, gameId: "later", endedAt: result.endedAt + 60_000 });
    await sink().write({ ...result, gameId: "other-host", hostId: "dev-bob" });
    const games = await sink().listByHost("dev-alice", 10);
    expect(games.map((g) => g.gameId)).toEqual(["later", result.gameId]);
    expect(api.requests.at(-1)!.body).toMatchObject({ filter: { hostId: "dev-alice" }, sort: { endedAt: -1 }, limit: 10 });
  });

  it("classifies 5xx, 429 and timeouts as transient", async () => {
    for (const status of [500, 503, 429]) {
      api.forced.push(status);
      const err = await failure(sink().write(result));
      expect(err.transient).toBe(true);
      expect(err.message).toContain(`HTTP ${status}`);
    }
    api.forced.push("hang");
    const timeout = await failure(sink({ timeoutMs: 200 }).write(result));
    expect(timeout).toMatchObject({ transient: true });
    expect(timeout.message).toMatch(/timed out after 200 ms/);
  });

  it("classifies a refused request (4xx) as permanent", async () => {
    expect(await failure(sink({ apiKey: "wrong" }).write(result))).toMatchObject({ transient: false });
    api.forced.push(400);
    expect(await failure(sink().write(result))).toMatchObject({ transient: false });
  });

  it("treats an unreachable endpoint as transient", async () => {
    const err = await failure(sink({ baseUrl: "http://127.0.0.1:9/nothing" }).write(result));
    expect(err.transient).toBe(true);
  });

  it("refuses a stored document that is not a game result as permanent", async () => {
    api.collections.set("quiz.games", new Map([["bad", { _id: "bad", players: "nope" }]]));
    expect(await failure(sink().read("bad"))).toMatchObject({ transient: false });
  });
});
