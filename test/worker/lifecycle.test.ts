import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { GameSettings } from "../../worker/protocol";
import { GameRoom, IDLE_CLEANUP_MS } from "../../worker/room/game-room";
import type { GameState } from "../../worker/game/state";
import { DROP_GRACE_MS } from "../../worker/game/step";
import { api, lobby, quiz } from "./client";

const stubOf = (pin: string) => env.GAME_ROOM.get(env.GAME_ROOM.idFromName(pin));
const answer = (question: number, choice: number, answerId: string) => ({ type: "answer" as const, question, choice, answerId });

/** Pretends everyone left long ago, then fires the alarm. */
async function expireIdle(pin: string) {
  const stub = stubOf(pin);
  await runInDurableObject(stub, (_room, state) => {
    state.storage.sql.exec("INSERT OR REPLACE INTO meta (key, value) VALUES ('idleSince', ?)", String(Date.now() - IDLE_CLEANUP_MS - 1000));
  });
  return runDurableObjectAlarm(stub);
}

/** A second GameRoom built over the same storage (what an eviction and restart does). */
async function reloaded(pin: string): Promise<{ live: GameState; fresh: GameState }> {
  return runInDurableObject(stubOf(pin), async (room: GameRoom, state) => {
    const fresh = new GameRoom(state, env);
    await state.blockConcurrencyWhile(async () => {}); // wait for the constructor's load
    const get = (r: GameRoom) => (r as unknown as { state: GameState }).state;
    return { live: structuredClone(get(room)), fresh: structuredClone(get(fresh)) };
  });
}

describe("game lifecycle", () => {
  it("rebuilds the same game from storage mid-question, after a reveal, and after a kick", async () => {
    const { game, host, players } = await lobby(3, { quiz: quiz(3), settings: { previewSec: 0, keepAnswerOrder: true } });
    const [a, b, c] = players;
    host.send({ type: "start" });
    await a!.socket.next("open");
    a!.socket.send(answer(0, 0, "a0"));
    await a!.socket.next("ack");
    let { live, fresh } = await reloaded(game.pin);
    expect(fresh).toEqual(live);
    expect(fresh.answers.get(a!.playerId)?.answerId).toBe("a0");

    b!.socket.send(answer(0, 1, "b0"));
    c!.socket.send(answer(0, 0, "c0"));
    await host.next("reveal");
    ({ live, fresh } = await reloaded(game.pin));
    expect(fresh).toEqual(live);
    expect(fresh.phase).toBe("reveal");

    host.send({ type: "kick", playerId: c!.playerId });
    await host.next("kicked");
    ({ live, fresh } = await reloaded(game.pin));
    expect(fresh).toEqual(live);
    expect(fresh.players.get(c!.playerId)?.kicked).toBe(true);
  });

  it("does not let a disconnected player hold a question open past the drop grace", async () => {
    const { host, players } = await lobby(3);
    const [a, b, c] = players;
    host.send({ type: "start" });
    await a!.socket.next("open");
    c!.socket.close();
    await host.next("presence");
    const dropped = Date.now();
    a!.socket.send(answer(0, 0, "a"));
    b!.socket.send(answer(0, 0, "b"));
    // The alarm closes it when the grace for c is over, long before the 20 s deadline.
    const reveal = await host.next("reveal", DROP_GRACE_MS + 3000);
    expect(Date.now() - dropped).toBeGreaterThanOrEqual(DROP_GRACE_MS - 200);
    expect(reveal.reveal).toMatchObject({ answered: 2, total: 3 });
  });

  it("cleans up a game nobody joined after 30 idle minutes and frees its PIN", async () => {
    const { game, host } = await lobby(0);
    host.close();
    await host.waitClosed();
    expect(await expireIdle(game.pin)).toBe(true);
    expect((await api(`/api/games/${game.pin}`)).status).toBe(404);
    const settings = GameSettings.parse({});
    const again = await stubOf(game.pin).create({ gameId: "reuse", pin: game.pin, hostId: "h", quiz: { title: "t", shuffleAnswers: true, shuffleQuestions: false, questions: [{ type: "quiz" as const, text: "q", choices: ["a", "b"], correct: [0], timeLimitSec: 20, points: 1000 }] }, settings });
    expect(again).toBe(true);
  });

  it("archives an abandoned game once, then deletes it", async () => {
    const { game, host, players } = await lobby(1);
    host.send({ type: "start" });
    await players[0]!.socket.next("open");
    players[0]!.socket.send(answer(0, 0, "x"));
    await players[0]!.socket.next("reveal");
    host.close();
    players[0]!.socket.close();
    await players[0]!.socket.waitClosed();
    expect(await expireIdle(game.pin)).toBe(true);
    const row = await vi.waitUntil(
      () => env.DB.prepare("SELECT reason, players FROM games WHERE id = ?").bind(game.gameId).first(),
      { timeout: 5000, interval: 50 },
    );
    expect(row).toEqual({ reason: "abandoned", players: 1 });
    expect((await api(`/api/games/${game.pin}`)).status).toBe(404);
  });

  it("reuses the PIN of an ended game held by the same object", async () => {
    const { game, host } = await lobby(0);
    host.send({ type: "end" });
    await host.next("ended");
    const settings = GameSettings.parse({});
    const q = { title: "next", shuffleAnswers: true, shuffleQuestions: false, questions: [{ type: "quiz" as const, text: "q", choices: ["a", "b"], correct: [0], timeLimitSec: 20, points: 1000 as const }] };
    expect(await stubOf(game.pin).create({ gameId: "second", pin: game.pin, hostId: "h", quiz: q, settings })).toBe(true);
    expect(await (await api(`/api/games/${game.pin}`)).json()).toMatchObject({ title: "next", phase: "lobby" });
  });
});
