// 1,000+ fuzzed frames (generated from the zod schemas, then mutated) interleaved with a scripted
// game over real sockets: every frame gets exactly the answer the server's parser predicts, nothing
// hangs, and the game ends exactly as the same script without the fuzz frames.
import { describe, expect, it } from "vitest";
import { GameReport, type ServerFrameOf } from "../../worker/protocol";
import { FrameFuzzer, type FuzzFrame } from "../shared/fuzz-frames";
import { reportDigest, snapshotDigest } from "../shared/game-digest";
import { api, lobby, quiz, type TestSocket } from "./client";

const PLAYERS = 100;
const QUESTIONS = 3;
/**
 * Fuzz frames per socket at each of the script's 11 pauses. With the host's 8 commands (or a
 * player's 3 answers) that stays inside the socket burst of 20, so the rate limit never answers.
 */
const PER_STEP = 1;

interface Fuzzed {
  socket: TestSocket;
  role: "host" | "player";
  expected: string[];
}

/** Sends a few fuzz frames from every socket; workerd cannot send invalid UTF-8, so that kind is redrawn. */
function fuzzStep(fuzzer: FrameFuzzer | null, sockets: Fuzzed[]): number {
  if (!fuzzer) return 0;
  let n = 0;
  for (const s of sockets)
    for (let i = 0; i < PER_STEP; i++) {
      let f: FuzzFrame;
      do f = fuzzer.next(s.role);
      while (f.kind === "invalid-utf8");
      s.expected.push(f.expect);
      s.socket.ws.send(f.binary ? f.bytes! : f.text!);
      n++;
    }
  return n;
}

/** The answers a socket got to its fuzz frames: error codes, and snapshots after the connect one. */
const answers = (s: TestSocket) =>
  s.all().flatMap((f, i) => (f.type === "error" ? [f.code] : f.type === "snapshot" && i > 0 ? ["snapshot"] : []));

async function play(fuzzer: FrameFuzzer | null) {
  const { token, game, host, players } = await lobby(PLAYERS, { quiz: quiz(QUESTIONS), settings: { previewSec: 0, keepAnswerOrder: true } }, { distinctIps: true });
  const sockets: Fuzzed[] = [{ socket: host, role: "host", expected: [] }, ...players.map((p) => ({ socket: p.socket, role: "player" as const, expected: [] }))];
  let sent = fuzzStep(fuzzer, sockets);
  host.send({ type: "start" });
  for (let q = 0; q < QUESTIONS; q++) {
    await Promise.all(players.map((p) => p.socket.next("open")));
    sent += fuzzStep(fuzzer, sockets);
    // Deterministic choices and ids, so both runs store the same answers.
    players.forEach((p, i) => p.socket.send({ type: "answer", question: q, choice: (i + q) % 4, answerId: `p${i}-q${q}` }));
    await Promise.all(players.map((p) => p.socket.next("ack")));
    await host.next("reveal");
    sent += fuzzStep(fuzzer, sockets);
    host.send({ type: "next" });
    await host.next("leaderboard");
    sent += fuzzStep(fuzzer, sockets);
    host.send({ type: "next" });
  }
  await host.next("podium");
  sent += fuzzStep(fuzzer, sockets);
  // Every fuzz frame answered: the same codes the server's own parser predicts, in order.
  for (const s of sockets) {
    await waitFor(() => answers(s.socket).length >= s.expected.length);
    expect(answers(s.socket)).toEqual(s.expected);
    expect(s.socket.closed).toBeNull();
  }
  host.send({ type: "sync" });
  const final = (await host.next("snapshot")) as ServerFrameOf<"snapshot">;
  const report = await waitFor(async () => {
    const res = await api(`/api/reports/${game.gameId}`, { token });
    return res.status === 200 ? GameReport.parse(await res.json()) : null;
  });
  // Compared on answers, not points: on a busy machine an answer can cross the 0.5 s full-points
  // line in one run and not the other.
  return { sent, final: snapshotDigest(final, false), report: reportDigest(report, false) };
}

async function waitFor<T>(f: () => T | Promise<T>, timeoutMs = 10_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await f();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("protocol fuzzing", () => {
  it("answers 1,000 fuzzed frames with typed errors and plays the game exactly as without them", async () => {
    const clean = await play(null);
    const fuzzed = await play(new FrameFuzzer(8));
    expect(fuzzed.sent).toBeGreaterThanOrEqual(1000);
    expect(fuzzed.final).toEqual(clean.final);
    expect(fuzzed.report).toEqual(clean.report);
    expect(clean.report.players).toHaveLength(PLAYERS);
    console.warn(JSON.stringify({ measured: "fuzz", frames: fuzzed.sent }));
  }, 60_000);
});
