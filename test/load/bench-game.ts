// Plays one measured game: the host bot here, the players in worker threads (so the client side
// is spread over cores and is not what limits the numbers). Every time is epoch ms from
// performance.timeOrigin + now(), the same machine clock in every thread.
import { Worker } from "node:worker_threads";
import WebSocket from "ws";
import type { FromThread, ThreadInput, ThreadReport, ToThread } from "./bench-player-thread";
import { post } from "./http";

export interface GameBenchOptions {
  url: string;
  players: number;
  /** Measured questions. */
  questions: number;
  /** Played first and left out of the latency figures (JIT, caches, first-socket costs). */
  warmup: number;
  threads: number;
  thinkMs: number;
  joinConcurrency: number;
  log: (m: string) => void;
  /** The server's CPU seconds so far (from /proc), to split its time by phase; null when remote. */
  serverCpu?: () => number | null;
}

export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface GameBenchResult {
  players: number;
  questions: number;
  warmupQuestions: number;
  join: { allJoinedMs: number; joinsPerSec: number; joined: number; errors: string[] };
  fanoutMs: Percentiles;
  ackMs: Percentiles;
  /** The answer that closed the question → each player's own result (score, rank). */
  revealToResultMs: Percentiles;
  /** The host's "next" at the reveal → each player's receipt of the leaderboard. */
  revealToLeaderboardMs: Percentiles;
  perPlayerPerQuestion: { messages: number; bytes: number };
  answers: { sent: number; acked: number; counted: number; lost: number };
  /** Answers per second the bots offered: players / think window. */
  offeredAnswersPerSec: number;
  /**
   * Server CPU ms by phase (from /proc, 10 ms ticks): joining everyone; per measured question the
   * command → answers open (question broadcast, preview alarm, open broadcast), answering (every
   * answer, then the reveal with its per-player results), and the leaderboard; per answer is the
   * answering share divided by the answers (an upper bound: it includes the reveal).
   */
  serverCpuMs: { join: number; perQuestion: { open: number; answering: number; leaderboard: number }; perAnswer: number } | null;
  problems: string[];
}

const now = () => performance.timeOrigin + performance.now();
const round = (n: number) => Math.round(n * 10) / 10;

export function percentiles(values: number[]): Percentiles {
  if (values.length === 0) return { p50: 0, p95: 0, p99: 0, max: 0 };
  const s = Float64Array.from(values).sort();
  const at = (p: number) => round(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!);
  return { p50: at(50), p95: at(95), p99: at(99), max: round(s[s.length - 1]!) };
}

/** A bench quiz: N+warm-up questions with frames about the size of a real question. */
export function benchQuiz(count: number) {
  return {
    title: "Bench quiz",
    questions: Array.from({ length: count }, (_, i) => ({
      text: `Bench question ${i + 1}: which of these four answers is the one the benchmark marks as correct this time?`,
      choices: ["The first answer", "The second answer", "The third answer", "The fourth answer"],
      correct: [i % 4],
      timeLimitSec: 20,
    })),
  };
}


type HostFrame = { type: string; [k: string]: unknown };

class Host {
  private waiters = new Set<(f: HostFrame) => boolean>();
  playerCount = 0;
  constructor(readonly ws: WebSocket) {
    ws.on("message", (data: Buffer) => {
      const f = JSON.parse(data.toString()) as HostFrame;
      if (f.type === "joined") this.playerCount = f.playerCount as number;
      for (const w of this.waiters) if (w(f)) this.waiters.delete(w);
    });
  }
  send(type: string) {
    this.ws.send(JSON.stringify({ v: 1, type }));
  }
  wait(type: string, timeoutMs: number, ok: (f: HostFrame) => boolean = () => true): Promise<HostFrame> {
    return new Promise((resolve, reject) => {
      const w = (f: HostFrame) => {
        if (f.type !== type || !ok(f)) return false;
        clearTimeout(timer);
        resolve(f);
        return true;
      };
      const timer = setTimeout(() => {
        this.waiters.delete(w);
        reject(new Error(`host: no "${type}" within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.add(w);
    });
  }
}

function openHost(base: string, pin: string, ticket: string): Promise<Host> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${base.replace(/^http/, "ws")}/api/games/${pin}/ws?ticket=${encodeURIComponent(ticket)}`, { perMessageDeflate: false });
    const host = new Host(ws);
    // The snapshot can arrive in the same read as the upgrade: wait for it from the start.
    host.wait("snapshot", 10_000).then(() => resolve(host), reject);
    ws.once("error", reject);
  });
}

// The thread is TypeScript too; Node 20 does not pass tsx's loader on to workers, so load it by hand.
const THREAD_BOOT = `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))}).then((m) => m.tsImport(${JSON.stringify(
  new URL("./bench-player-thread.ts", import.meta.url).href,
)}, ${JSON.stringify(import.meta.url)}))`;

function startThreads(input: Omit<ThreadInput, "first" | "count">, players: number, threads: number) {
  const per = Math.ceil(players / threads);
  const workers: Worker[] = [];
  for (let first = 0; first < players; first += per) {
    const data: ThreadInput = { ...input, first, count: Math.min(per, players - first) };
    workers.push(new Worker(THREAD_BOOT, { eval: true, workerData: data }));
  }
  const ask = (m: ToThread, answer: FromThread["type"]) =>
    Promise.all(
      workers.map(
        (w) =>
          new Promise<FromThread>((resolve, reject) => {
            const on = (r: FromThread) => {
              if (r.type !== answer) return;
              w.off("message", on);
              resolve(r);
            };
            w.on("message", on);
            w.once("error", reject);
            w.postMessage(m);
          }),
      ),
    );
  return {
    join: () => ask({ type: "join" }, "joined"),
    reports: async () => (await ask({ type: "report" }, "report")).map((r) => (r as Extract<FromThread, { type: "report" }>).report),
    close: () => Promise.all(workers.map((w) => (w.postMessage({ type: "close" } satisfies ToThread), w.terminate()))),
  };
}

export async function benchGame(o: GameBenchOptions): Promise<GameBenchResult> {
  const base = o.url;
  const total = o.warmup + o.questions;
  const { token } = await post<{ token: string }>(`${base}/api/auth/dev/sign-in`, { name: "Bench Host" });
  const game = await post<{ pin: string; hostTicket: string }>(
    `${base}/api/games`,
    { quiz: benchQuiz(total), settings: { previewSec: 1, keepAnswerOrder: true } },
    token,
  );
  const host = await openHost(base, game.pin, game.hostTicket);
  const threads = startThreads({ url: base, pin: game.pin, joinConcurrency: Math.ceil(o.joinConcurrency / o.threads), thinkMs: o.thinkMs }, o.players, o.threads);
  const problems: string[] = [];
  try {
    const cpu = () => o.serverCpu?.() ?? null;
    const cpuJoin0 = cpu();
    const joinStart = now();
    await threads.join();
    const cpuJoin = cpuJoin0 === null ? null : cpu()! - cpuJoin0;
    const phase = { open: 0, answering: 0, leaderboard: 0 };
    o.log(`joined in ${Math.round(now() - joinStart)} ms`);

    const commandAt: number[] = [];
    const boardAt: number[] = [];
    const counted: number[] = [];
    for (let q = 0; q < total; q++) {
      const question = host.wait("question", 30_000, (f) => (f.question as { index: number }).index === q);
      const reveal = host.wait("reveal", 60_000, (f) => (f.reveal as { index: number }).index === q);
      const opened = host.wait("open", 30_000, (f) => f.question === q);
      const c0 = cpu();
      commandAt[q] = now();
      host.send(q === 0 ? "start" : "next");
      await question;
      await opened;
      const c1 = cpu();
      // Everyone answers, so the last answer closes the question (no skip needed).
      const r = await reveal;
      counted[q] = (r.reveal as { answered: number }).answered;
      const board = host.wait("leaderboard", 30_000);
      await new Promise((res) => setTimeout(res, 200)); // let the per-player results land first
      const c2 = cpu();
      boardAt[q] = now();
      host.send("next");
      await board;
      await new Promise((res) => setTimeout(res, 200));
      if (q >= o.warmup && c0 !== null) {
        phase.open += c1! - c0;
        phase.answering += c2! - c1!;
        phase.leaderboard += cpu()! - c2!;
      }
      o.log(`question ${q + 1}/${total}: ${counted[q]} answers`);
    }
    const podium = host.wait("podium", 30_000);
    host.send("next");
    await podium;
    await new Promise((res) => setTimeout(res, 300));
    const reports = await threads.reports();
    host.send("end");
    host.ws.close(1000);
    const ms = (sec: number) => Math.round((sec * 1000) / o.questions);
    const serverCpuMs =
      cpuJoin === null
        ? null
        : {
            join: Math.round(cpuJoin * 1000),
            perQuestion: { open: ms(phase.open), answering: ms(phase.answering), leaderboard: ms(phase.leaderboard) },
            perAnswer: Math.round((ms(phase.answering) / Math.max(1, o.players)) * 100) / 100,
          };
    return { ...summarize(o, reports, commandAt, boardAt, counted, problems), serverCpuMs };
  } finally {
    await threads.close();
    host.ws.terminate();
  }
}

function summarize(
  o: GameBenchOptions,
  reports: ThreadReport[],
  commandAt: number[],
  boardAt: number[],
  counted: number[],
  problems: string[],
): Omit<GameBenchResult, "serverCpuMs"> {
  const measured = (q: number) => q >= o.warmup;
  const fanout: number[] = [];
  const result: number[] = [];
  const board: number[] = [];
  let frames = 0;
  let bytes = 0;
  let sent = 0;
  let acked = 0;
  const total = o.warmup + o.questions;
  const lastAnswer = (q: number) => Math.max(...reports.map((r) => r.lastAnswerAt[q] ?? 0));
  for (const r of reports) {
    for (let q = 0; q < total; q++) {
      sent += r.sent[q] ?? 0;
      acked += r.acked[q] ?? 0;
      if (!measured(q)) continue;
      for (const t of r.question[q] ?? []) fanout.push(t - commandAt[q]!);
      const closedAt = lastAnswer(q);
      for (const t of r.result[q] ?? []) result.push(t - closedAt);
      for (const t of r.leaderboard[q] ?? []) board.push(t - boardAt[q]!);
      frames += r.frames[q] ?? 0;
      bytes += r.bytes[q] ?? 0;
    }
    problems.push(...r.joinErrors.slice(0, 5), ...r.errors.slice(0, 5));
  }
  const joinedAt = reports.flatMap((r) => r.joinedAt);
  const joinStart = Math.min(...reports.map((r) => r.joinStartedAt));
  const allJoinedMs = joinedAt.length ? Math.max(...joinedAt) - joinStart : 0;
  const countedTotal = counted.reduce((a, c) => a + c, 0);
  for (let q = 0; q < total; q++) {
    const s = reports.reduce((n, r) => n + (r.sent[q] ?? 0), 0);
    if (counted[q] !== s) problems.push(`question ${q}: bots sent ${s} answers, the server counted ${counted[q]}`);
    const got = reports.reduce((n, r) => n + (r.question[q]?.length ?? 0), 0);
    if (got !== joinedAt.length) problems.push(`question ${q}: ${got} of ${joinedAt.length} players got the question`);
  }
  if (joinedAt.length !== o.players) problems.push(`${joinedAt.length} of ${o.players} players joined`);
  const cells = Math.max(1, joinedAt.length * o.questions);
  return {
    players: joinedAt.length,
    questions: o.questions,
    warmupQuestions: o.warmup,
    join: { allJoinedMs: Math.round(allJoinedMs), joinsPerSec: Math.round(joinedAt.length / (allJoinedMs / 1000)), joined: joinedAt.length, errors: reports.flatMap((r) => r.joinErrors).slice(0, 5) },
    fanoutMs: percentiles(fanout),
    ackMs: percentiles(reports.flatMap((r) => r.ackMs)),
    revealToResultMs: percentiles(result),
    revealToLeaderboardMs: percentiles(board),
    perPlayerPerQuestion: { messages: round(frames / cells), bytes: Math.round(bytes / cells) },
    answers: { sent, acked, counted: countedTotal, lost: sent - Math.min(acked, countedTotal) },
    offeredAnswersPerSec: Math.round(o.players / (o.thinkMs / 1000)),
    problems: [...new Set(problems)].slice(0, 20),
  };
}
