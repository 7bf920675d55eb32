// Player identifiers reach the host and the archive only; erasure, export, retention, and resume
// tokens refused once the game is over.
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { D1Sink } from "../../worker/archive/d1-sink";
import worker from "../../worker/index";
import { GameResult } from "../../worker/protocol";
import { api, connect, createGame, quiz, signIn } from "./client";

async function archivedRow(gameId: string, timeoutMs = 8000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await env.DB.prepare("SELECT players, winner FROM games WHERE id = ?").bind(gameId).first<{ players: number; winner: string }>();
    if (row) return { ...row, result: GameResult.parse(await new D1Sink(env.DB).read(gameId)) };
    if (Date.now() > deadline) throw new Error("game was not archived");
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Plays a one-question game with two players, one of them with a student id, to the podium. */
async function playedGame() {
  const token = await signIn("Teacher");
  const game = await createGame(token, { quiz: quiz(1), settings: { previewSec: 0, keepAnswerOrder: true } });
  const host = await connect(game.pin, game.hostTicket);
  await host.next("snapshot");
  const res = await api(`/api/games/${game.pin}/join`, { method: "POST", json: { nickname: "Ada", identifier: "S-4711" } });
  expect(res.status).toBe(201);
  const ada = (await res.json()) as { playerId: string; ticket: string; resumeToken: string };
  const bobRes = await api(`/api/games/${game.pin}/join`, { method: "POST", json: { nickname: "Bob" } });
  const bob = (await bobRes.json()) as { playerId: string; ticket: string };
  const joined = await host.next("joined");
  const sockets = [await connect(game.pin, ada.ticket), await connect(game.pin, bob.ticket)];
  for (const s of sockets) await s.next("snapshot");
  host.send({ type: "sync" });
  const snap = await host.next("snapshot");
  host.send({ type: "start" });
  for (const [i, s] of sockets.entries()) {
    const q = await s.next("question");
    s.send({ type: "answer", question: q.question.index, choice: i, answerId: `a${i}` });
  }
  await host.next("reveal");
  host.send({ type: "next" });
  await host.next("leaderboard");
  host.send({ type: "next" });
  await host.next("podium");
  for (const s of sockets) await s.next("final");
  return { token, game, host, ada, bob, joined, snap, sockets };
}

describe("player identifiers", () => {
  it("are shown to the host and archived, and never reach any player", async () => {
    const { game, joined, snap, sockets } = await playedGame();
    expect(joined.player).toMatchObject({ nickname: "Ada", identifier: "S-4711" });
    expect(snap.players!.find((p) => p.nickname === "Ada")!.identifier).toBe("S-4711");
    expect(snap.players!.find((p) => p.nickname === "Bob")!.identifier).toBeUndefined();
    for (const s of sockets) expect(JSON.stringify(s.raw)).not.toContain("S-4711");
    const row = await archivedRow(game.gameId);
    expect(row.result.players.find((p) => p.nickname === "Ada")!.identifier).toBe("S-4711");
  });

  it("are validated: at most 64 characters, no control characters", async () => {
    const game = await createGame(await signIn(), { quiz: quiz() });
    for (const identifier of ["x".repeat(65), "a\u0007b", "   "]) {
      const res = await api(`/api/games/${game.pin}/join`, { method: "POST", json: { nickname: "Val", identifier } });
      expect(res.status).toBe(400);
    }
  });
});

describe("erasure and export", () => {
  it("erases one player from the archive: row, answers, count and winner", async () => {
    const { token, game, ada, bob } = await playedGame();
    const before = await archivedRow(game.gameId);
    expect(before.winner).toBe("Ada");
    const res = await api(`/api/archive/${game.gameId}/players/${ada.playerId}`, { method: "DELETE", token });
    expect(res.status).toBe(204);
    const after = await archivedRow(game.gameId);
    expect(after.players).toBe(1);
    expect(after.winner).toBe("Bob");
    expect(after.result.players.map((p) => p.id)).toEqual([bob.playerId]);
    expect(after.result.answers.every((a) => a.playerId === bob.playerId)).toBe(true);
    expect(JSON.stringify(after.result)).not.toMatch(/S-4711|"Ada"/);
    expect((await api(`/api/archive/${game.gameId}/players/${ada.playerId}`, { method: "DELETE", token })).status).toBe(404);
  });

  it("exports every archived game of the signed-in host as JSON, and nobody else's", async () => {
    const { token, game } = await playedGame();
    await archivedRow(game.gameId);
    const res = await api("/api/me/export", { token });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Disposition")).toContain("attachment");
    const body = (await res.json()) as { account: { sub: string }; games: GameResult[] };
    expect(body.games.map((g) => g.gameId)).toContain(game.gameId);
    expect(body.games.every((g) => g.hostId === body.account.sub)).toBe(true);
    for (const g of body.games) GameResult.parse(g);
  });
});

describe("resume tokens at game end", () => {
  it("are refused once the host ends the game", async () => {
    const { ada, host, game } = await playedGame();
    expect((await api(`/api/games/${game.pin}/resume`, { method: "POST", json: { resumeToken: ada.resumeToken } })).status).toBe(200);
    host.send({ type: "end" });
    await host.next("ended");
    const res = await api(`/api/games/${game.pin}/resume`, { method: "POST", json: { resumeToken: ada.resumeToken } });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: { code: "game-ended" } });
  });
});

describe("retention", () => {
  it("the daily cron purges archived games older than RETENTION_DAYS and keeps the rest", async () => {
    const now = Date.UTC(2026, 5, 1);
    const day = 86_400_000;
    const make = (id: string, endedAt: number): GameResult => ({
      v: 1, gameId: id, pin: "111111", hostId: "retention-host", quiz: { title: "Old", shuffleAnswers: true, shuffleQuestions: false, questions: [{ type: "quiz" as const, text: "Q?", choices: ["a", "b"], correct: [0], timeLimitSec: 20, points: 1000 }] },
      createdAt: endedAt - 1000, startedAt: endedAt - 900, endedAt, reason: "finished", players: [], answers: [],
    });
    await new D1Sink(env.DB).write(make("old-game", now - 366 * day));
    await new D1Sink(env.DB).write(make("recent-game", now - 364 * day));
    const ctrl = createScheduledController({ scheduledTime: now, cron: "17 3 * * *" });
    const ctx = createExecutionContext();
    await worker.scheduled(ctrl, env, ctx);
    await waitOnExecutionContext(ctx);
    const ids = (await env.DB.prepare("SELECT id FROM games WHERE host_id = 'retention-host'").all<{ id: string }>()).results.map((r) => r.id);
    expect(ids).toEqual(["recent-game"]);
  });
});
