import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { api, connect, createGame, join, lobby, quiz, signIn } from "./client";

const answer = (question: number, choice: number, answerId: string) => ({ type: "answer" as const, question, choice, answerId });

/** Every key anywhere inside a value, to prove a frame carries no `correct`. */
function keysOf(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => keysOf(v, out));
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      keysOf(v, out);
    }
  return out;
}

describe("a live game over real sockets", () => {
  it("plays two questions with a host and three players to the podium and archives the result", async () => {
    const { token, game, host, players } = await lobby(3);
    const [a, b, c] = players.map((p) => p.socket) as [typeof players[0]["socket"], typeof players[0]["socket"], typeof players[0]["socket"]];
    expect((await host.next("joined")).playerCount).toBeGreaterThanOrEqual(1);

    host.send({ type: "start" });
    for (const q of [0, 1]) {
      const question = await a.next("question");
      expect(question.question.index).toBe(q);
      await a.next("open");
      a.send(answer(q, 0, `a${q}`)); // right
      b.send(answer(q, 1, `b${q}`)); // wrong
      c.send(answer(q, 0, `c${q}`)); // right
      for (const s of [a, b, c]) expect((await s.next("ack")).question).toBe(q);
      // Everyone answered: the question closes without waiting for the 20 s deadline.
      const reveal = await a.next("reveal");
      expect(reveal.reveal).toMatchObject({ index: q, correct: [0], answered: 3, total: 3 });
      expect(reveal.reveal.counts).toEqual([2, 1, 0, 0]);
      const [ra, rb] = [await a.next("result"), await b.next("result")];
      expect(ra.result.correct).toBe(true);
      expect(ra.result.points).toBeGreaterThan(q === 0 ? 900 : 1000); // the 2nd in a row carries a streak bonus
      expect(rb.result).toMatchObject({ correct: false, points: 0, streak: 0 });
      host.send({ type: "next" });
      const board = await host.next("leaderboard");
      expect(board.top.map((r) => r.nickname)).toContain("Player 1");
      host.send({ type: "next" });
    }
    const podium = await host.next("podium");
    expect(podium.top).toHaveLength(3);
    expect(podium.top[2]).toMatchObject({ nickname: "Player 2", score: 0, rank: 3 });
    const finalA = await a.next("final");
    expect(finalA.score).toBe(podium.top.find((r) => r.nickname === "Player 1")!.score);

    // Nothing a player received before a reveal named the correct answer (raw frames, unparsed).
    for (const s of [a, b, c]) {
      let revealed = false;
      for (const f of s.raw as { type: string }[]) {
        if (f.type === "reveal") revealed = true;
        if (f.type === "question" || f.type === "open") revealed = false;
        if (!revealed) expect(keysOf(f).has("correct"), `${f.type} leaks`).toBe(false);
      }
    }

    // The queue consumer wrote the game to D1.
    const row = await vi.waitUntil(
      () => env.DB.prepare("SELECT players, questions, winner FROM games WHERE id = ?").bind(game.gameId).first(),
      { timeout: 5000, interval: 50 },
    );
    expect(row).toMatchObject({ players: 3, questions: 2 });
    const archived = await api(`/api/archive/${game.gameId}`, { token });
    expect(archived.status).toBe(200);
    expect(await archived.json()).toMatchObject({ gameId: game.gameId, pin: game.pin, players: 3 });
  });

  it("starts from an Open Trivia DB file with entities decoded", async () => {
    const file = (await import("../fixtures/opentdb-sample.json")).default;
    const token = await signIn();
    const game = await createGame(token, file); // the file itself as the body
    expect(game.questionCount).toBe(50);
    const status = await api(`/api/games/${game.pin}`);
    expect(await status.json()).toMatchObject({ pin: game.pin, phase: "lobby", players: 0, joinable: true, questionCount: 50 });
  });

  it("acks a duplicate answer twice but stores it once, and refuses a different second answer", async () => {
    const { game, host, players } = await lobby(2);
    const [a] = players;
    host.send({ type: "start" });
    await a!.socket.next("open");
    a!.socket.send(answer(0, 2, "same-id"));
    a!.socket.send(answer(0, 2, "same-id"));
    a!.socket.send(answer(0, 1, "other-id"));
    expect((await a!.socket.next("ack")).answerId).toBe("same-id");
    expect((await a!.socket.next("ack")).answerId).toBe("same-id");
    expect(await a!.socket.next("error")).toMatchObject({ code: "already-answered", ref: "other-id" });
    const stub = env.GAME_ROOM.get(env.GAME_ROOM.idFromName(game.pin));
    const rows = await runInDurableObject(stub, (_i, state) =>
      state.storage.sql.exec("SELECT COUNT(*) AS n FROM answers").one(),
    );
    expect(rows.n).toBe(1);
  });

  it("refuses an answer after the question closed as late", async () => {
    const { host, players } = await lobby(2);
    const [a, b] = players.map((p) => p.socket);
    host.send({ type: "start" });
    await a!.next("open");
    host.send({ type: "skip" });
    await b!.next("reveal");
    b!.send(answer(0, 0, "too-late"));
    expect(await b!.next("error")).toMatchObject({ code: "late", ref: "too-late" });
  });

  it("resumes a player who reconnects mid-question with the same score and lets them answer", async () => {
    const { game, host, players } = await lobby(2, { quiz: quiz(2), settings: { previewSec: 0, keepAnswerOrder: true } });
    const [a, b] = players;
    host.send({ type: "start" });
    await a!.socket.next("open");
    a!.socket.send(answer(0, 0, "q0"));
    b!.socket.send(answer(0, 0, "q0b"));
    const scoreBefore = (await a!.socket.next("result")).result.score;
    host.send({ type: "next" });
    host.send({ type: "next" });
    await a!.socket.next("open");

    a!.socket.close(); // the phone drops off mid-question
    await host.next("presence");
    const resumed = await api(`/api/games/${game.pin}/resume`, { method: "POST", json: { resumeToken: a!.resumeToken } });
    expect(resumed.status).toBe(200);
    const { ticket, playerId } = (await resumed.json()) as { ticket: string; playerId: string };
    expect(playerId).toBe(a!.playerId);
    const again = await connect(game.pin, ticket);
    const snap = await again.next("snapshot");
    expect(snap).toMatchObject({ phase: "answering", question: { index: 1 } });
    expect(snap.you).toMatchObject({ id: a!.playerId, score: scoreBefore, answerId: null });
    // A second reconnect works too.
    again.close();
    const third = await connect(game.pin, ((await (await api(`/api/games/${game.pin}/resume`, { method: "POST", json: { resumeToken: a!.resumeToken } })).json()) as { ticket: string }).ticket);
    await third.next("snapshot");
    third.send(answer(1, 0, "q1"));
    expect((await third.next("ack")).question).toBe(1);
  });

  it("replaces the old host socket when the host reconnects", async () => {
    const { token, game, host } = await lobby(1);
    const res = await api(`/api/games/${game.pin}/host-ticket`, { method: "POST", token });
    const host2 = await connect(game.pin, ((await res.json()) as { ticket: string }).ticket);
    expect((await host2.next("snapshot")).role).toBe("host");
    expect((await host.waitClosed()).code).toBe(4001);
    host2.send({ type: "start" });
    await host2.next("question");
  });

  it("closes a kicked player's socket and never lets them back in", async () => {
    const { game, host, players } = await lobby(2);
    const [a, b] = players;
    host.send({ type: "kick", playerId: b!.playerId });
    expect((await host.next("kicked")).playerId).toBe(b!.playerId);
    expect((await b!.socket.waitClosed()).code).toBe(4003);
    const resume = await api(`/api/games/${game.pin}/resume`, { method: "POST", json: { resumeToken: b!.resumeToken } });
    expect(resume.status).toBe(403);
    expect(await resume.json()).toMatchObject({ error: { code: "kicked" } });
    // Even the socket ticket they still hold gets them nowhere.
    const back = await connect(game.pin, b!.ticket);
    expect(await back.next("error")).toMatchObject({ code: "kicked" });
    expect((await back.waitClosed()).code).toBe(4003);
    // Their nickname stays taken; the others play on.
    expect((await api(`/api/games/${game.pin}/join`, { method: "POST", json: { nickname: "player 2" } })).status).toBe(409);
    host.send({ type: "start" });
    await a!.socket.next("question");
  });

  it("refuses host commands from a player and player answers from the host", async () => {
    const { host, players } = await lobby(1);
    const [a] = players;
    for (const type of ["start", "next", "skip", "pause", "resume", "end"] as const) {
      a!.socket.send({ type });
      expect(await a!.socket.next("error")).toMatchObject({ code: "not-host", ref: type });
    }
    a!.socket.send({ type: "kick", playerId: a!.playerId });
    expect(await a!.socket.next("error")).toMatchObject({ code: "not-host" });
    host.send(answer(0, 0, "host-answer"));
    expect(await host.next("error")).toMatchObject({ code: "not-player" });
    a!.socket.send({ type: "sync" });
    expect((await a!.socket.next("snapshot")).phase).toBe("lobby");
  });

  it("answers malformed frames with typed errors and changes nothing", async () => {
    const { host, players } = await lobby(1);
    const s = players[0]!.socket;
    const cases: [string | ArrayBuffer, string][] = [
      ["not json", "bad-frame"],
      [JSON.stringify({ v: 99, type: "answer" }), "unsupported-version"],
      [JSON.stringify({ v: 1, type: "launch-missiles" }), "bad-frame"],
      [JSON.stringify({ v: 1, type: "answer", question: "0", choice: 0, answerId: "x" }), "bad-frame"],
      [JSON.stringify({ v: 1, type: "answer", question: 0, choice: 0, answerId: "x".repeat(5000) }), "too-large"],
      [new TextEncoder().encode("binary").buffer as ArrayBuffer, "bad-frame"],
    ];
    for (const [data, code] of cases) {
      s.ws.send(data);
      expect((await s.next("error")).code).toBe(code);
    }
    s.send({ type: "sync" });
    expect((await s.next("snapshot")).phase).toBe("lobby");
    host.send({ type: "start" });
    await s.next("question");
  });

  it("closes a question by its alarm when nobody answers", async () => {
    const { host, players } = await lobby(1, { quiz: quiz(1, 5), settings: { previewSec: 1, keepAnswerOrder: true } });
    const a = players[0]!.socket;
    host.send({ type: "start" });
    const q = await a.next("question");
    expect(q.clock.endsAt).not.toBeNull();
    const open = await a.next("open", 4000); // preview deadline, by alarm
    const reveal = await a.next("reveal", 9000); // answer deadline, by alarm
    expect(reveal.reveal.answered).toBe(0);
    expect(Date.now()).toBeGreaterThanOrEqual(open.clock.endsAt! - 50);
    expect((await a.next("result")).result).toMatchObject({ answered: false, points: 0 });
  });

  it("keeps two games running at once apart", async () => {
    const one = await lobby(2);
    const two = await lobby(2);
    one.host.send({ type: "start" });
    await one.players[0]!.socket.next("open");
    one.players[0]!.socket.send(answer(0, 0, "x"));
    one.players[1]!.socket.send(answer(0, 0, "y"));
    await one.host.next("reveal");
    // Game two is still in its lobby and heard none of it.
    for (const s of [two.host, ...two.players.map((p) => p.socket)]) {
      expect(s.all().map((f) => f.type)).not.toContain("question");
      expect(s.all().every((f) => f.type !== "snapshot" || f.pin === two.game.pin)).toBe(true);
    }
    two.players[0]!.socket.send({ type: "sync" });
    expect((await two.players[0]!.socket.next("snapshot")).phase).toBe("lobby");
    expect(one.game.pin).not.toBe(two.game.pin);
  });
});

describe("REST errors", () => {
  it("answers unknown PINs with 404 and bad bodies with 400 naming the fields", async () => {
    const token = await signIn();
    const missing = await api("/api/games/000001");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: "not-found" } });
    expect((await api("/api/games/abc/join", { method: "POST", json: { nickname: "x" } })).status).toBe(404);
    const bad = await api("/api/games", { method: "POST", token, json: { quiz: { title: "t", questions: [{ text: "", choices: ["a"], correct: [3] }] } } });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: { code: string; fields: { path: string }[] } };
    expect(body.error.code).toBe("bad-quiz");
    expect(body.error.fields.map((f) => f.path)).toEqual(expect.arrayContaining(["quiz.questions.0.text", "quiz.questions.0.choices"]));
    const notJson = await api("/api/games", { method: "POST", token, body: "{", headers: { "Content-Type": "application/json" } });
    expect(notJson.status).toBe(400);
  });

  it("requires a signed-in host to create a game", async () => {
    expect((await api("/api/games", { method: "POST", json: { quiz: quiz() } })).status).toBe(401);
    expect((await api("/api/games", { method: "POST", token: "not.a.jwt", json: { quiz: quiz() } })).status).toBe(401);
  });

  it("refuses nicknames that are taken (ignoring case), empty, or too long", async () => {
    const token = await signIn();
    const game = await createGame(token, { quiz: quiz() });
    await join(game.pin, "Ana");
    const dup = await api(`/api/games/${game.pin}/join`, { method: "POST", json: { nickname: "  ANA " } });
    expect(dup.status).toBe(409);
    expect(await dup.json()).toMatchObject({ error: { code: "nickname-taken" } });
    const empty = await api(`/api/games/${game.pin}/join`, { method: "POST", json: { nickname: "   " } });
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { error: { fields: { path: string }[] } }).error.fields[0]!.path).toBe("nickname");
    expect((await api(`/api/games/${game.pin}/join`, { method: "POST", json: { nickname: "x".repeat(21) } })).status).toBe(400);
  });

  it("answers a full or ended game with 409", async () => {
    const token = await signIn();
    const full = await createGame(token, { quiz: quiz(), settings: { maxPlayers: 1 } });
    await join(full.pin, "one");
    const res = await api(`/api/games/${full.pin}/join`, { method: "POST", json: { nickname: "two" } });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: { code: "game-full" } });

    const ended = await createGame(token, { quiz: quiz() });
    const host = await connect(ended.pin, ended.hostTicket);
    host.send({ type: "end" });
    await host.next("ended");
    const late = await api(`/api/games/${ended.pin}/join`, { method: "POST", json: { nickname: "late" } });
    expect(late.status).toBe(409);
    expect(await late.json()).toMatchObject({ error: { code: "game-ended" } });
  });

  it("does not give one host a ticket for another host's game", async () => {
    const mine = await createGame(await signIn("Alice"), { quiz: quiz() });
    const res = await api(`/api/games/${mine.pin}/host-ticket`, { method: "POST", token: await signIn("Mallory") });
    expect(res.status).toBe(403);
  });

  it("refuses a socket without a valid ticket", async () => {
    const game = await createGame(await signIn(), { quiz: quiz() });
    const res = await api(`/api/games/${game.pin}/ws?ticket=forged`, { headers: { Upgrade: "websocket" } });
    expect(res.status).toBe(401);
    const other = await createGame(await signIn(), { quiz: quiz() });
    const cross = await api(`/api/games/${other.pin}/ws?ticket=${game.hostTicket}`, { headers: { Upgrade: "websocket" } });
    expect(cross.status).toBe(401);
  });
});
