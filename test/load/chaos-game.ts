// One chaos game: a host drives a quiz while chaos players misbehave; afterwards the archived game
// is read back and every invariant is checked against what the players saw and were told.
import WebSocket from "ws";
import {
  GameReport,
  GameResult,
  PROTOCOL_VERSION,
  ServerFrame,
  type CreateGameResponse,
  type JoinResponse,
  type QuizInput,
  type ServerFrameOf,
} from "../../worker/protocol";
import { ChaosPlayer, type ChaosRates } from "./chaos-player";
import { post } from "./http";
export { post };

export interface ChaosGameOptions {
  base: string;
  /** The host's bearer token (one host for the whole run). */
  token: string;
  /** Game number within the run: tags its quiz, nicknames and answer ids. */
  index: number;
  players: number;
  questions: number;
  thinkMs: number;
  /** How long the host shows each reveal and leaderboard before `next`, ms. */
  lingerMs: number;
  rates: ChaosRates;
  log: (msg: string) => void;
}

export interface ChaosGameResult {
  pin: string;
  gameId: string;
  players: number;
  answersSent: number;
  answersConfirmed: number;
  answersStored: number;
  reconnects: number;
  drops: number;
  errors: Record<string, number>;
  breaches: string[];
}

type Frame = ServerFrame;

const TIME_LIMIT_SEC = 20;

export function chaosQuiz(tag: string, n: number): QuizInput {
  return {
    title: `Chaos ${tag}`,
    questions: Array.from({ length: n }, (_, i) => ({
      type: "quiz" as const,
      text: `[${tag}] Question ${i + 1}?`,
      choices: ["one", "two", "three", "four"],
      correct: [i % 4],
      timeLimitSec: TIME_LIMIT_SEC,
    })),
  };
}


/** The host's socket: every frame kept in order, `wait` for the next matching one. */
export class HostSocket {
  readonly frames: Frame[] = [];
  private readonly waiters = new Set<() => void>();
  private read = 0;
  constructor(readonly ws: WebSocket) {
    ws.on("message", (d) => {
      const f = ServerFrame.safeParse(JSON.parse(String(d)));
      if (f.success) this.frames.push(f.data);
      this.waiters.forEach((w) => w());
    });
  }
  static open(url: string) {
    return new Promise<HostSocket>((resolve, reject) => {
      const ws = new WebSocket(url, { perMessageDeflate: false });
      ws.once("open", () => resolve(new HostSocket(ws)));
      ws.once("error", reject);
    });
  }
  send(type: "start" | "next" | "end" | "sync") {
    this.ws.send(JSON.stringify({ v: PROTOCOL_VERSION, type }));
  }
  async wait<T extends Frame["type"]>(type: T, timeoutMs: number, ok: (f: ServerFrameOf<T>) => boolean = () => true): Promise<ServerFrameOf<T>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      while (this.read < this.frames.length) {
        const f = this.frames[this.read++]!;
        if (f.type === type && ok(f as ServerFrameOf<T>)) return f as ServerFrameOf<T>;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`host: no ${type} within ${timeoutMs} ms`);
      await new Promise<void>((r) => {
        const done = () => (clearTimeout(t), this.waiters.delete(done), r());
        const t = setTimeout(done, left);
        this.waiters.add(done);
      });
    }
  }
}

export async function playChaosGame(o: ChaosGameOptions): Promise<ChaosGameResult> {
  const tag = `g${o.index}`;
  const breaches: string[] = [];
  const game = await post<CreateGameResponse>(`${o.base}/api/games`, { quiz: chaosQuiz(tag, o.questions), settings: { previewSec: 1 } }, o.token);
  const wsBase = `${o.base.replace(/^http/, "ws")}/api/games/${game.pin}/ws?ticket=`;
  const host = await HostSocket.open(wsBase + encodeURIComponent(game.hostTicket));

  const players: ChaosPlayer[] = [];
  for (let i = 0; i < o.players; i += 25) {
    const wave = Array.from({ length: Math.min(25, o.players - i) }, async (_, k) => {
      const join = await post<JoinResponse>(`${o.base}/api/games/${game.pin}/join`, { nickname: `${tag}-${i + k + 1}` });
      const p = new ChaosPlayer(o.base, game.pin, tag, join, o.rates, o.thinkMs);
      await p.start();
      return p;
    });
    players.push(...(await Promise.all(wave)));
  }
  o.log(`${tag} ${game.pin}: ${players.length} players in`);

  // Host side: every question must close early (everyone connected answers within seconds), so a
  // reveal at the deadline means an absent player held it open.
  const revealed = new Map<number, number>();
  host.send("start");
  for (let q = 0; q < o.questions; q++) {
    const open = await host.wait("open", 30_000, (f) => f.question === q);
    const openedAt = Date.now();
    const reveal = await host.wait("reveal", TIME_LIMIT_SEC * 1000 + 15_000, (f) => f.reveal.index === q);
    const took = Date.now() - openedAt;
    revealed.set(q, reveal.reveal.answered);
    if (took > TIME_LIMIT_SEC * 1000 * 0.6)
      breaches.push(`${tag} question ${q}: revealed ${took} ms after opening (limit ${open.clock.endsAt ? TIME_LIMIT_SEC : "?"} s): someone held it open`);
    // Like a teacher, the host shows the reveal and the leaderboard for a moment.
    await new Promise((r) => setTimeout(r, o.lingerMs));
    host.send("next");
    await host.wait("leaderboard", 15_000, (f) => f.question === q);
    await new Promise((r) => setTimeout(r, o.lingerMs));
    host.send("next");
  }
  const podium = await host.wait("podium", 15_000);
  for (const r of podium.top) if (!r.nickname.startsWith(`${tag}-`)) breaches.push(`${tag} podium lists ${r.nickname}`);
  // Sleepers come back and send their stale answers before the game ends.
  for (let i = 0; i < 150 && !players.every((p) => p.settled); i++) await new Promise((r) => setTimeout(r, 100));
  await new Promise((r) => setTimeout(r, 500));
  host.send("end");
  await host.wait("ended", 15_000);
  for (const p of players) p.stop();
  host.ws.close(1000);
  for (const f of host.frames)
    if (f.type === "joined" && !f.player.nickname.startsWith(`${tag}-`)) breaches.push(`${tag} host saw ${f.player.nickname} join`);

  // The archive, as the host reads it: one report, one stored result.
  const get = (path: string) => fetch(`${o.base}${path}`, { headers: { Authorization: `Bearer ${o.token}` } });
  let report: GameReport | null = null;
  for (let i = 0; i < 80 && !report; i++) {
    const res = await get(`/api/reports/${game.gameId}`);
    if (res.ok) report = GameReport.parse(await res.json());
    else await new Promise((r) => setTimeout(r, 250));
  }
  if (!report) throw new Error(`${tag}: game ${game.gameId} was never archived`);
  const exported = (await (await get("/api/me/export")).json()) as { games: unknown[] };
  const results = exported.games.map((g) => GameResult.parse(g)).filter((g) => g.gameId === game.gameId);
  if (results.length !== 1) breaches.push(`${tag}: archived ${results.length} times`);
  const result = results[0]!;

  breaches.push(...checkInvariants(tag, players, report, result, revealed, o.questions));
  const sum = (f: (p: ChaosPlayer) => number) => players.reduce((n, p) => n + f(p), 0);
  const errors: Record<string, number> = {};
  for (const p of players) for (const [c, n] of p.ledger.errors) errors[c] = (errors[c] ?? 0) + n;
  return {
    pin: game.pin,
    gameId: game.gameId,
    players: players.length,
    answersSent: sum((p) => p.ledger.sent.size),
    answersConfirmed: sum((p) => p.ledger.confirmed.size),
    answersStored: result.answers.length,
    reconnects: sum((p) => p.ledger.reconnects),
    drops: sum((p) => p.ledger.drops),
    errors,
    breaches,
  };
}

/** The invariants of issue 8, checked against the archived result and the report. */
export function checkInvariants(
  tag: string,
  players: ChaosPlayer[],
  report: GameReport,
  result: GameResult,
  revealed: Map<number, number>,
  questions: number,
): string[] {
  const out: string[] = [];
  const byPlayer = new Map<string, Map<number, GameResult["answers"][number]>>();
  for (const a of result.answers) {
    const mine = byPlayer.get(a.playerId) ?? new Map();
    if (mine.has(a.question)) out.push(`${tag}: player ${a.playerId} has two answers to question ${a.question}`);
    mine.set(a.question, a);
    byPlayer.set(a.playerId, mine);
  }
  if (result.players.length !== players.length) out.push(`${tag}: ${result.players.length} players archived, ${players.length} joined`);
  for (const p of players) {
    const who = p.join.nickname;
    out.push(...p.ledger.problems);
    const stored = byPlayer.get(p.playerId) ?? new Map();
    for (const q of p.ledger.confirmed) {
      const a = stored.get(q);
      if (!a) out.push(`${who}: acknowledged answer to question ${q} is not stored`);
      else if (a.choice !== p.ledger.sent.get(q)?.choice) out.push(`${who}: stored choice ${a.choice} for question ${q}, sent ${p.ledger.sent.get(q)?.choice}`);
    }
    for (const [q, a] of stored) {
      const sent = p.ledger.sent.get(q);
      if (!sent) out.push(`${who}: an answer to question ${q} is stored that it never sent`);
      else if (sent.choice !== a.choice) out.push(`${who}: stored choice ${a.choice} for ${q}, sent ${sent.choice}`);
    }
    const archived = result.players.find((x) => x.id === p.playerId);
    const row = report.players.find((x) => x.playerId === p.playerId);
    if (!archived || !row) {
      out.push(`${who}: missing from the archive`);
      continue;
    }
    const points = [...stored.values()].reduce((n, a) => n + a.points, 0);
    if (archived.score !== points) out.push(`${who}: archived score ${archived.score}, its answers add up to ${points}`);
    if (row.score !== row.points.reduce((n, x) => n + x, 0)) out.push(`${who}: report total ${row.score} ≠ sum of its question points`);
    if (row.score !== archived.score) out.push(`${who}: report says ${row.score}, archive ${archived.score}`);
    if (p.ledger.finalScore !== null && p.ledger.finalScore !== archived.score)
      out.push(`${who}: was told a final score of ${p.ledger.finalScore}, archived ${archived.score}`);
    for (const [q, pts] of p.ledger.results)
      if ((stored.get(q)?.points ?? 0) !== pts) out.push(`${who}: result for question ${q} said ${pts} points, stored ${stored.get(q)?.points ?? 0}`);
  }
  for (let q = 0; q < questions; q++) {
    const n = result.answers.filter((a) => a.question === q).length;
    if (revealed.get(q) !== n) out.push(`${tag}: reveal of question ${q} counted ${revealed.get(q)}, ${n} stored`);
    const rq = report.questions[q];
    if (rq?.answered !== n || rq.distribution.reduce((s, x) => s + x, 0) !== n) out.push(`${tag}: report of question ${q} disagrees with ${n} stored answers`);
  }
  return out;
}
