// `npm run fuzz -- --frames 10000`: a scripted game played twice through the dev server, once
// clean and once with fuzzed frames (generated from the zod schemas, then mutated) sent by every
// socket of the game at each pause of the script. Every fuzz frame must get the answer the server's
// parser predicts, nothing may hang, and the two games must end identically (report and host view).
// Paced under the socket rate limit (burst 20, 5/s): at most 5 frames per socket per step, steps
// at least 1.1 s apart, so the limit never answers in place of the game. Scores depend on
// server-measured response times, so the two runs are compared on answers, not on points.
import { parseArgs } from "node:util";
import WebSocket from "ws";
import { GameReport, PROTOCOL_VERSION, ServerFrame, type CreateGameResponse, type JoinResponse, type ServerFrameOf } from "../../worker/protocol";
import { FrameFuzzer } from "../shared/fuzz-frames";
import { reportDigest, snapshotDigest } from "../shared/game-digest";
import { post } from "./chaos-game";
import { answerFrame } from "./chaos-player";
import { startDevServer, type DevServer } from "./dev-server";

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    frames: { type: "string", default: "10000" },
    players: { type: "string", default: "200" },
    questions: { type: "string", default: "5" },
    seed: { type: "string", default: "8" },
  },
});
const PLAYERS = Number(values.players);
const QUESTIONS = Number(values.questions);
const STEP_MS = 1100;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A socket that records every frame, and the answers to its fuzz frames (errors, extra snapshots). */
class FuzzSocket {
  readonly frames: ServerFrame[] = [];
  readonly answers: string[] = [];
  readonly expected: string[] = [];
  readonly problems: string[] = [];
  closed: number | null = null;
  private snapshots = 0;
  private constructor(readonly ws: WebSocket, readonly role: "host" | "player") {
    ws.on("message", (d) => {
      const parsed = ServerFrame.safeParse(JSON.parse(String(d)));
      if (!parsed.success) return void this.problems.push(`invalid server frame ${String(d).slice(0, 120)}`);
      const f = parsed.data;
      this.frames.push(f);
      if (f.type === "error") this.answers.push(f.code);
      if (f.type === "snapshot" && this.snapshots++ > 0) this.answers.push("snapshot");
    });
    ws.on("close", (code) => (this.closed = code));
  }
  static open(url: string, role: "host" | "player") {
    return new Promise<FuzzSocket>((resolve, reject) => {
      const ws = new WebSocket(url, { perMessageDeflate: false });
      ws.once("open", () => resolve(new FuzzSocket(ws, role)));
      ws.once("error", reject);
    });
  }
  send(frame: object) {
    this.ws.send(JSON.stringify(frame));
  }
  async wait<T extends ServerFrame["type"]>(type: T, ok: (f: ServerFrameOf<T>) => boolean = () => true, timeoutMs = 30_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const f = this.frames.find((x) => x.type === type && ok(x as ServerFrameOf<T>));
      if (f) return f as ServerFrameOf<T>;
      if (Date.now() > deadline) throw new Error(`no ${type} within ${timeoutMs} ms`);
      await sleep(10);
    }
  }
}

async function play(base: string, token: string, fuzzer: FrameFuzzer | null, perStep: number) {
  const quiz = {
    title: "Fuzz",
    questions: Array.from({ length: QUESTIONS }, (_, i) => ({ text: `Q${i + 1}`, choices: ["a", "b", "c", "d"], correct: [i % 4] })),
  };
  const game = await post<CreateGameResponse>(`${base}/api/games`, { quiz, settings: { previewSec: 0, keepAnswerOrder: true } }, token);
  const url = (t: string) => `${base.replace(/^http/, "ws")}/api/games/${game.pin}/ws?ticket=${encodeURIComponent(t)}`;
  const host = await FuzzSocket.open(url(game.hostTicket), "host");
  const players: FuzzSocket[] = [];
  // One by one: join order breaks score ties, and both runs must rank alike.
  for (let i = 0; i < PLAYERS; i++) {
    const j = await post<JoinResponse>(`${base}/api/games/${game.pin}/join`, { nickname: `Player ${i + 1}` });
    players.push(await FuzzSocket.open(url(j.ticket), "player"));
  }
  await Promise.all([host, ...players].map((s) => s.wait("snapshot")));
  const all = [host, ...players];
  const kinds: Record<string, number> = {};
  let sent = 0;
  let slowest = 0;

  /** Each socket sends `perStep` fuzz frames; then every one of them must be answered. */
  async function step() {
    if (!fuzzer) return;
    const t0 = Date.now();
    for (const s of all)
      for (let i = 0; i < perStep; i++) {
        const f = fuzzer.next(s.role);
        s.expected.push(f.expect);
        kinds[f.kind] = (kinds[f.kind] ?? 0) + 1;
        if (f.bytes) s.ws.send(f.bytes, { binary: f.binary });
        else s.ws.send(f.text!);
        sent++;
      }
    for (;;) {
      const behind = all.filter((s) => s.answers.length < s.expected.length);
      if (!behind.length) break;
      if (Date.now() - t0 > 30_000) throw new Error(`hang: ${behind.length} sockets still wait for answers after 30 s`);
      await sleep(10);
    }
    slowest = Math.max(slowest, Date.now() - t0);
    await sleep(Math.max(0, STEP_MS - (Date.now() - t0)));
  }

  await step();
  host.send({ v: PROTOCOL_VERSION, type: "start" });
  for (let q = 0; q < QUESTIONS; q++) {
    await Promise.all(players.map((p) => p.wait("open", (f) => f.question === q)));
    // Answers go out at once (no fuzz in the answering phase): under 0.5 s every correct one scores
    // full points, so both runs score alike.
    players.forEach((p, i) => p.send(answerFrame(q, (i + q) % 4, `p${i}-q${q}`)));
    await host.wait("reveal", (f) => f.reveal.index === q);
    await step();
    host.send({ v: PROTOCOL_VERSION, type: "next" });
    await host.wait("leaderboard", (f) => f.question === q);
    await step();
    host.send({ v: PROTOCOL_VERSION, type: "next" });
  }
  await host.wait("podium");
  await step();
  const before = host.answers.length;
  host.send({ v: PROTOCOL_VERSION, type: "sync" });
  while (host.answers.length === before) await sleep(10);
  const final = host.frames.filter((f) => f.type === "snapshot").at(-1) as ServerFrameOf<"snapshot">;

  const problems: string[] = [];
  all.forEach((s, i) => {
    problems.push(...s.problems);
    const got = s.answers.slice(0, s.expected.length);
    const bad = s.expected.findIndex((e, k) => got[k] !== e);
    if (bad >= 0) problems.push(`socket ${i}: fuzz frame ${bad} expected ${s.expected[bad]}, got ${got[bad]}`);
    if (s.closed !== null) problems.push(`socket ${i} was closed (${s.closed})`);
  });
  let report: GameReport | null = null;
  for (let i = 0; i < 80 && !report; i++) {
    const res = await fetch(`${base}/api/reports/${game.gameId}`, { headers: { Authorization: `Bearer ${token}` } });
    if (res.ok) report = GameReport.parse(await res.json());
    else await sleep(250);
  }
  if (!report) problems.push("the game was never archived");
  host.send({ v: PROTOCOL_VERSION, type: "end" });
  await host.wait("ended");
  all.forEach((s) => s.ws.close(1000));
  // Through wrangler dev on a shared machine an answer can take over 0.5 s in one run and not in the
  // other, which changes its points: compare what the answers were, not how fast they came.
  return { sent, kinds, slowestStepMs: slowest, problems, final: snapshotDigest(final, false), report: report && reportDigest(report, false) };
}

/** Path and values of the first difference between two JSON values, or null. */
function firstDifference(a: unknown, b: unknown, path = "$"): string | null {
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null)
    return Object.is(a, b) ? null : `${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
    if (d) return d;
  }
  return null;
}

async function main() {
  let server: DevServer | null = null;
  if (!values.url) server = await startDevServer({ vars: { JOINS_PER_IP_PER_MINUTE: "100000" } });
  let code = 2;
  try {
    const base = (values.url ?? server!.url).replace(/\/$/, "");
    const { token } = await post<{ token: string }>(`${base}/api/auth/dev/sign-in`, { name: `Fuzz Host ${Date.now()}` });
    const sockets = PLAYERS + 1;
    const steps = 2 * QUESTIONS + 2;
    const perStep = Math.ceil(Number(values.frames) / (sockets * steps));
    if (perStep > 5) throw new Error(`${values.frames} frames need ${perStep} per socket and step; the rate limit allows 5: add --players`);
    const t0 = Date.now();
    const clean = await play(base, token, null, 0);
    const fuzzed = await play(base, token, new FrameFuzzer(Number(values.seed)), perStep);
    const problems = [...clean.problems, ...fuzzed.problems];
    const reportDiff = firstDifference(clean.report, fuzzed.report);
    if (reportDiff) problems.push(`the archived report differs from the clean run's at ${reportDiff}`);
    const finalDiff = firstDifference(clean.final, fuzzed.final);
    if (finalDiff) problems.push(`the host's final view differs from the clean run's at ${finalDiff}`);
    process.stdout.write(
      `${JSON.stringify({ frames: fuzzed.sent, sockets, kinds: fuzzed.kinds, slowestStepMs: fuzzed.slowestStepMs, identical: problems.length === 0, seconds: Math.round((Date.now() - t0) / 1000), problems: problems.slice(0, 20) })}\n`,
    );
    code = problems.length ? 1 : 0;
  } catch (err) {
    process.stderr.write(`fuzz: ${(err as Error).stack}\n`);
  } finally {
    await server?.stop();
  }
  process.exit(code);
}

void main();
