// Abuse limits: socket floods, oversize and malformed frames, wrong-role commands, per-IP joins
// and wrong PINs, the player cap, and the nickname filter. The game must not notice.
import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { CLOSE, PROTOCOL_VERSION } from "../../worker/protocol";
import { CLOSE_AFTER_DROPPED } from "../../worker/room/socket-limiter";
import type { GameRoom } from "../../worker/room/game-room";
import { api, createGame, lobby, quiz, signIn } from "./client";

const BURST = 20;

describe("socket abuse", () => {
  it("a 10,000-frame flood from one socket is cut off; the game and the other players carry on", async () => {
    const { host, players } = await lobby(2);
    const [flooder, other] = [players[0]!, players[1]!];
    const before = await hostView(host);

    const t0 = Date.now();
    const frame = JSON.stringify({ v: PROTOCOL_VERSION, type: "sync" });
    for (let i = 0; i < 10_000; i++) {
      try {
        flooder.socket.ws.send(frame);
      } catch {
        break; // closed under us
      }
    }
    const sentMs = Date.now() - t0;
    const closed = await flooder.socket.waitClosed(10_000);
    const floodMs = Date.now() - t0;
    expect(closed.code).toBe(CLOSE.rateLimited);
    const snapshots = flooder.socket.all().filter((f) => f.type === "snapshot").length - 1; // minus the connect snapshot
    const limited = flooder.socket.all().filter((f) => f.type === "error" && f.code === "rate-limited").length;
    // The burst is served, exactly one typed error, then silence until the close.
    expect(snapshots).toBeGreaterThanOrEqual(BURST);
    expect(snapshots).toBeLessThan(BURST + 5);
    expect(limited).toBe(1);
    console.warn(JSON.stringify({ measured: "flood", frames: 10_000, served: snapshots, sentMs, closedAfterMs: floodMs }));

    // Nothing changed but the flooder's presence; the other player and the host play on.
    expect((await host.next("presence")).connected).toBe(false);
    const after = await hostView(host);
    expect({ ...after, seq: 0, players: after.players.map((p) => ({ ...p, connected: true })) }).toEqual({ ...before, seq: 0 });
    host.send({ type: "start" });
    const q = await other.socket.next("question");
    const t1 = Date.now();
    other.socket.send({ type: "answer", question: q.question.index, choice: 0, answerId: "a1" });
    expect((await other.socket.next("ack")).answerId).toBe("a1");
    console.warn(JSON.stringify({ measured: "ack after flood", ms: Date.now() - t1 }));
  });

  it("malformed JSON, unknown types and oversized frames get typed errors and count toward the rate", async () => {
    const { host, players } = await lobby(1);
    const p = players[0]!.socket;
    const before = await syncSeq(host);
    const bad = ["{not json", JSON.stringify({ v: 1, type: "teleport" }), JSON.stringify({ v: 1, type: "answer", pad: "x".repeat(2000) })];
    for (let i = 0; i < BURST + 5; i++) p.send(bad[i % 3]!);
    await waitFor(() => p.all().some((f) => f.type === "error" && f.code === "rate-limited"));
    const errors = p.all().filter((f) => f.type === "error").map((f) => (f as { code: string }).code);
    expect(errors.slice(0, 3)).toEqual(["bad-frame", "bad-frame", "too-large"]);
    expect(errors.filter((c) => c !== "rate-limited")).toHaveLength(BURST);
    expect(errors.filter((c) => c === "rate-limited")).toHaveLength(1);
    expect(await syncSeq(host)).toBe(before);
    expect(p.closed).toBeNull();
  });

  it("a socket that slows down after being limited is served again and never closed", async () => {
    const { players } = await lobby(1);
    const p = players[0]!.socket;
    for (let i = 0; i < BURST + 10; i++) p.send({ type: "sync" });
    await waitFor(() => p.all().some((f) => f.type === "error" && f.code === "rate-limited"));
    await new Promise((r) => setTimeout(r, 450)); // 5/s refills two tokens
    const count = p.all().length;
    p.send({ type: "sync" });
    await waitFor(() => p.all().length > count);
    expect(p.all().at(-1)!.type).toBe("snapshot");
    expect(p.closed).toBeNull();
    expect(CLOSE_AFTER_DROPPED).toBeGreaterThan(10);
  });

  it("host commands from a player and answers from the host are refused; the state stays as it was", async () => {
    const { host, players, game } = await lobby(2);
    const [p, other] = [players[0]!.socket, players[1]!.socket];
    const before = await syncSeq(host);
    const commands = ["start", "next", "skip", "pause", "resume", "end"] as const;
    for (const type of commands) p.send({ type });
    p.send({ type: "kick", playerId: players[1]!.playerId });
    await waitFor(() => p.all().filter((f) => f.type === "error").length === commands.length + 1);
    const errors = p.all().filter((f) => f.type === "error") as { code: string; ref?: string }[];
    expect(errors.every((e) => e.code === "not-host")).toBe(true);
    expect(errors.map((e) => e.ref)).toEqual([...commands, "kick"]);
    host.send({ type: "answer", question: 0, choice: 0, answerId: "h1" });
    expect((await host.next("error")).code).toBe("not-player");
    expect(await syncSeq(host)).toBe(before);
    expect((await (await api(`/api/games/${game.pin}`)).json()) as { phase: string; players: number }).toMatchObject({ phase: "lobby", players: 2 });
    // The other player saw none of it.
    expect(other.all().filter((f) => f.type !== "snapshot")).toEqual([]);
  });
});

describe("per-IP limits", () => {
  const from = (ip: string) => ({ "CF-Connecting-IP": ip });

  it("wrong PINs: 10 per minute, then 429 with Retry-After even for a right PIN; other IPs unaffected", async () => {
    const game = await createGame(await signIn(), { quiz: quiz() });
    const wrong = game.pin === "999999" ? "999998" : "999999";
    for (let i = 0; i < 10; i++) expect((await api(`/api/games/${wrong}`, { headers: from("198.51.100.1") })).status).toBe(404);
    for (const path of [`/api/games/${wrong}`, `/api/games/${game.pin}`]) {
      const res = await api(path, { headers: from("198.51.100.1") });
      expect(res.status).toBe(429);
      expect(Number(res.headers.get("Retry-After"))).toBeGreaterThanOrEqual(1);
      expect(await res.json()).toMatchObject({ error: { code: "rate-limited" } });
    }
    const join = await api(`/api/games/${game.pin}/join`, { method: "POST", headers: from("198.51.100.1"), json: { nickname: "Zed" } });
    expect(join.status).toBe(429);
    expect((await api(`/api/games/${game.pin}`, { headers: from("198.51.100.2") })).status).toBe(200);
  });

  it("joins: 120 per IP per minute, then 429 with Retry-After", async () => {
    const game = await createGame(await signIn(), { quiz: quiz() });
    const t0 = Date.now();
    let res: Response | undefined;
    let joined = 0;
    for (let i = 0; i < 200; i++) {
      res = await api(`/api/games/${game.pin}/join`, { method: "POST", headers: from("192.0.2.9"), json: { nickname: `J${i}` } });
      if (res.status !== 201) break;
      joined++;
    }
    // The whole minute's 120 at once, then 2 per second: what trickled in while the loop ran.
    expect(joined).toBeGreaterThanOrEqual(120);
    expect(joined).toBeLessThanOrEqual(120 + Math.ceil(((Date.now() - t0) / 1000) * 2));
    res = res!;
    expect(res.status).toBe(429);
    expect(res.headers.get("Retry-After")).toMatch(/^\d+$/);
    const elsewhere = await api(`/api/games/${game.pin}/join`, { method: "POST", headers: from("192.0.2.10"), json: { nickname: "Fine" } });
    expect(elsewhere.status).toBe(201);
  });
});

describe("players per game", () => {
  it("caps a game's maxPlayers at the Worker's MAX_PLAYERS and fills the default from it", async () => {
    const token = await signIn();
    for (const [settings, expected] of [[{ maxPlayers: 5000 }, 2000], [{}, 2000], [{ maxPlayers: 2 }, 2]] as const) {
      const g = await createGame(token, { quiz: quiz(), settings });
      const stub = env.GAME_ROOM.get(env.GAME_ROOM.idFromName(g.pin));
      const max = await runInDurableObject(stub, (room: GameRoom) => (room as unknown as { state: { settings: { maxPlayers: number } } }).state.settings.maxPlayers);
      expect(max).toBe(expected);
    }
  });

  it("refuses the player over the cap with 409 game-full", async () => {
    const g = await createGame(await signIn(), { quiz: quiz(), settings: { maxPlayers: 2 } });
    for (const n of ["A", "B"]) expect((await api(`/api/games/${g.pin}/join`, { method: "POST", json: { nickname: n } })).status).toBe(201);
    const res = await api(`/api/games/${g.pin}/join`, { method: "POST", json: { nickname: "C" } });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: { code: "game-full" } });
  });
});

describe("nickname filter", () => {
  it("rejects a profane nickname with 400 nickname-rejected and a neutral suggestion that then joins", async () => {
    const g = await createGame(await signIn(), { quiz: quiz() });
    const res = await api(`/api/games/${g.pin}/join`, { method: "POST", json: { nickname: "Sh1thead" } });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; suggestion: string } };
    expect(body.error.code).toBe("nickname-rejected");
    expect(body.error.suggestion).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+ \d{2}$/);
    const ok = await api(`/api/games/${g.pin}/join`, { method: "POST", json: { nickname: body.error.suggestion } });
    expect(ok.status).toBe(201);
    expect((await (await api(`/api/games/${g.pin}`)).json()) as { players: number }).toMatchObject({ players: 1 });
  });

  it("refuses a body that is not valid UTF-8 instead of storing U+FFFD in a nickname", async () => {
    const g = await createGame(await signIn(), { quiz: quiz() });
    const bytes = new Uint8Array([...new TextEncoder().encode('{"nickname":"a'), 0xc3, 0x28, ...new TextEncoder().encode('b"}')]);
    const res = await api(`/api/games/${g.pin}/join`, { method: "POST", body: bytes, headers: { "Content-Type": "application/json" } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "bad-request", message: "The request body is not valid UTF-8." } });
    expect((await (await api(`/api/games/${g.pin}`)).json()) as { players: number }).toMatchObject({ players: 0 });
  });
});

/** The host's full snapshot, minus the server clock. */
async function hostView(host: Awaited<ReturnType<typeof lobby>>["host"]) {
  host.send({ type: "sync" });
  const { now: _now, ...view } = await host.next("snapshot");
  return view as typeof view & { players: { connected: boolean }[] };
}

/** The host's view of `seq`: any state change moves it. */
async function syncSeq(host: Awaited<ReturnType<typeof lobby>>["host"]): Promise<number> {
  host.send({ type: "sync" });
  return (await host.next("snapshot")).seq;
}

async function waitFor(cond: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 10));
  }
}
