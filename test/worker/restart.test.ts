// Restart safety: the GameRoom is torn down in the middle of a question (a real abort of every
// Durable Object, as a deploy or an eviction does) and the game must carry on from storage: same
// phase, same deadline, the alarm still set, every accepted answer kept, clients back by resuming.
import { abortAllDurableObjects, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { GameState } from "../../worker/game/state";
import type { GameRoom } from "../../worker/room/game-room";
import { IDLE_CLEANUP_MS } from "../../worker/room/game-room";
import { api, connect, lobby, quiz, type TestSocket } from "./client";

const stubOf = (pin: string) => env.GAME_ROOM.get(env.GAME_ROOM.idFromName(pin));
const answer = (question: number, choice: number, answerId: string) => ({ type: "answer" as const, question, choice, answerId });

/** The room's state and its stored alarm, read inside the object (this wakes it if it is down). */
function inspect(pin: string): Promise<{ state: GameState | null; alarm: number | null; answers: number }> {
  return runInDurableObject(stubOf(pin), async (room: GameRoom, ctx) => {
    const state = (room as unknown as { state: GameState | null }).state;
    const answers = ctx.storage.sql.exec("SELECT count(*) AS n FROM answers").one().n as number;
    return { state: state && structuredClone(state), alarm: await ctx.storage.getAlarm(), answers };
  });
}

/** What a client does after its socket died: a fresh ticket from the resume route, then a new socket. */
async function resumePlayer(pin: string, resumeToken: string): Promise<TestSocket> {
  const res = await api(`/api/games/${pin}/resume`, { method: "POST", json: { resumeToken } });
  expect(res.status).toBe(200);
  const { ticket } = (await res.json()) as { ticket: string };
  return connect(pin, ticket);
}

async function resumeHost(pin: string, token: string): Promise<TestSocket> {
  const res = await api(`/api/games/${pin}/host-ticket`, { method: "POST", token });
  expect(res.status).toBe(200);
  return connect(pin, ((await res.json()) as { ticket: string }).ticket);
}

describe("restart safety", () => {
  it("resumes a question after a hard abort: same phase and deadline, alarm re-armed, answers kept", async () => {
    const { token, game, host, players } = await lobby(3, { quiz: quiz(2, 30), settings: { previewSec: 0, keepAnswerOrder: true } });
    const [a, b, c] = players;
    host.send({ type: "start" });
    const open = await a!.socket.next("open");
    a!.socket.send(answer(0, 0, "a0"));
    b!.socket.send(answer(0, 1, "b0"));
    await a!.socket.next("ack");
    await b!.socket.next("ack");
    const before = await inspect(game.pin);
    expect(before.alarm).toBe(open.clock.endsAt);

    await abortAllDurableObjects();
    for (const s of [host, a!.socket, b!.socket, c!.socket]) await s.waitClosed();

    // Woken by nothing but a look inside: the deadline and the stored answers are there, and the
    // alarm is armed for the restart grace (players still reconnecting keep the question open).
    const after = await inspect(game.pin);
    expect(after.state).toMatchObject({ phase: "answering", question: 0, endsAt: open.clock.endsAt });
    expect(after.state!.graceUntil).not.toBeNull();
    expect(after.state!.graceUntil!).toBeLessThanOrEqual(open.clock.endsAt!);
    expect(after.alarm).toBe(after.state!.graceUntil);
    expect(after.answers).toBe(2);
    expect(after.state!.connectedCount).toBe(0); // the sockets died with the old instance

    // Everyone comes back through the ordinary resume routes and finds the same question.
    const h = await resumeHost(game.pin, token);
    const [ra, rb, rc] = await Promise.all([a, b, c].map((p) => resumePlayer(game.pin, p!.resumeToken)));
    const snaps = await Promise.all([ra!, rb!, rc!].map((s) => s.next("snapshot")));
    for (const s of snaps) expect(s).toMatchObject({ phase: "answering", clock: { endsAt: open.clock.endsAt } });
    expect(snaps.map((s) => s.you?.answerId)).toEqual(["a0", "b0", null]);
    expect((await h.next("snapshot")).answered).toBe(2);

    // Everyone is back: the grace is moot. A resent answer is still the same answer; the last one
    // closes the question early.
    ra!.send(answer(0, 0, "a0"));
    expect((await ra!.next("ack")).answerId).toBe("a0");
    rc!.send(answer(0, 0, "c0"));
    const reveal = await h.next("reveal", 5000);
    expect(reveal.reveal).toMatchObject({ answered: 3, counts: [2, 1, 0, 0] });
    expect((await inspect(game.pin)).answers).toBe(3);
  });

  it("a game whose sockets all died in a restart still cleans itself up when nobody comes back", async () => {
    const { game, host, players } = await lobby(1);
    await abortAllDurableObjects();
    await host.waitClosed();
    await players[0]!.socket.waitClosed();
    // Without an alarm nothing would ever wake this room again: its storage would stay forever.
    const { alarm } = await inspect(game.pin);
    expect(alarm).not.toBeNull();
    expect(alarm!).toBeLessThanOrEqual(Date.now() + IDLE_CLEANUP_MS);
    // The watchdog alarm notices that nobody is connected and starts the idle clock.
    expect(await runDurableObjectAlarm(stubOf(game.pin))).toBe(true);
    const idle = await runInDurableObject(stubOf(game.pin), (_room, ctx) =>
      ctx.storage.sql.exec("SELECT value FROM meta WHERE key = 'idleSince'").toArray(),
    );
    expect(idle).toHaveLength(1);
    expect((await inspect(game.pin)).alarm).toBeGreaterThan(Date.now() + IDLE_CLEANUP_MS - 60_000);
  });
});
