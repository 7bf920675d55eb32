// Plays one whole game against a running server: a host bot and N player bots on real sockets.
// Every frame is parsed with the shared schemas, and the run checks that the server's numbers
// add up: no answer lost or doubled, no player missing, scores equal to the per-question points.
import WebSocket from "ws";
import {
  PROTOCOL_VERSION,
  ServerFrame,
  type ClientFrame,
  type CreateGameResponse,
  type JoinResponse,
  type QuestionView,
  type ServerFrameOf,
  StoredQuiz,
} from "../../worker/protocol";
import { randomAnswer } from "./random-answer";
import { post } from "./http";

export interface BotOptions {
  url: string;
  /** The quiz file's parsed JSON (our format or Open Trivia DB). */
  quiz?: unknown;
  /** Or any quiz file (xlsx, CSV, JSON of any supported app): imported into the bot host's library first. */
  file?: { bytes: Uint8Array; name: string };
  /** Play only the first N questions of `file`. */
  questions?: number;
  players: number;
  /** Longest a bot thinks before answering, ms (always inside the time limit). */
  thinkMs: number;
  /** Share of answers a bot never sends. */
  silentRate: number;
  /** Bots joining at once. */
  joinConcurrency: number;
  log?: (msg: string) => void;
}

export interface BotReport {
  pin: string;
  /** The archived game's id: its report is at /api/reports/{gameId}. */
  gameId: string;
  players: number;
  questions: number;
  answersSent: number;
  answersAccepted: number;
  podium: { nickname: string; score: number }[];
  archived: boolean;
  fanoutMsP50: number;
  fanoutMsP99: number;
  ackMsP99: number;
}

type Frame = ServerFrame;
type Outgoing = ClientFrame extends infer F ? (F extends ClientFrame ? Omit<F, "v"> : never) : never;

/** A socket whose frames are parsed and handed to one listener at a time. */
class BotSocket {
  private handlers = new Set<(f: Frame, at: number) => void>();
  readonly problems: string[] = [];
  closed = false;

  constructor(readonly ws: WebSocket) {
    ws.on("message", (data) => {
      const at = performance.now();
      const parsed = ServerFrame.safeParse(JSON.parse(String(data)));
      if (!parsed.success) return void this.problems.push(`invalid frame: ${String(data).slice(0, 200)}`);
      for (const h of this.handlers) h(parsed.data, at);
    });
    ws.on("close", () => (this.closed = true));
  }

  on(h: (f: Frame, at: number) => void): () => void {
    this.handlers.add(h);
    return () => this.handlers.delete(h);
  }

  send(f: Outgoing): void {
    this.ws.send(JSON.stringify({ v: PROTOCOL_VERSION, ...f }));
  }

  /** Resolves with the first frame of `type` (and passing `ok`) from now on. */
  wait<T extends Frame["type"]>(type: T, timeoutMs: number, ok: (f: ServerFrameOf<T>) => boolean = () => true) {
    return new Promise<ServerFrameOf<T>>((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for "${type}"`));
      }, timeoutMs);
      const off = this.on((f) => {
        if (f.type === type && ok(f as ServerFrameOf<T>)) {
          clearTimeout(timer);
          off();
          resolve(f as ServerFrameOf<T>);
        }
      });
    });
  }
}


function open(base: string, pin: string, ticket: string): Promise<BotSocket> {
  const wsUrl = `${base.replace(/^http/, "ws")}/api/games/${pin}/ws?ticket=${encodeURIComponent(ticket)}`;
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl, { perMessageDeflate: false });
    const socket = new BotSocket(ws);
    ws.once("open", () => resolve(socket));
    ws.once("error", reject);
  });
}

export const percentile = (values: number[], p: number): number => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! * 10) / 10;
};

interface Bot {
  nickname: string;
  join: JoinResponse;
  socket: BotSocket;
  /** Per question: the answer id sent, whether acked, the points the result frame gave. */
  sent: Map<number, string>;
  acked: Set<number>;
  points: Map<number, number>;
  finalScore: number | null;
}

/** `{quiz}` inline, or for a file: import it, then `{quizId}` (or the first N questions inline). */
async function quizSource(base: string, o: BotOptions, token: string): Promise<{ quiz: unknown } | { quizId: string }> {
  if (!o.file) return { quiz: o.quiz };
  const res = await fetch(`${base}/api/quizzes/import?name=${encodeURIComponent(o.file.name)}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/octet-stream" },
    body: new Blob([o.file.bytes as Uint8Array<ArrayBuffer>]),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`POST /api/quizzes/import → ${res.status}: ${text.slice(0, 500)}`);
  const stored = StoredQuiz.parse(JSON.parse(text));
  if (o.questions === undefined) return { quizId: stored.id };
  return { quiz: { ...stored.quiz, questions: stored.quiz.questions.slice(0, o.questions) } };
}

export async function playGame(o: BotOptions): Promise<BotReport> {
  const log = o.log ?? (() => {});
  const base = o.url.replace(/\/$/, "");
  const fail: string[] = [];
  const { token } = await post<{ token: string }>(`${base}/api/auth/dev/sign-in`, { name: "Bot Host" });
  const game = await post<CreateGameResponse>(`${base}/api/games`, { ...(await quizSource(base, o, token)), settings: { previewSec: 1 } }, token);
  log(`game ${game.pin}: "${game.title}", ${game.questionCount} questions`);
  const host = await open(base, game.pin, game.hostTicket);

  // Join in waves so the server sees a realistic burst, not one connection at a time.
  const bots: Bot[] = [];
  for (let i = 0; i < o.players; i += o.joinConcurrency) {
    const wave = Array.from({ length: Math.min(o.joinConcurrency, o.players - i) }, async (_, k) => {
      const nickname = `Bot ${i + k + 1}`;
      const join = await post<JoinResponse>(`${base}/api/games/${game.pin}/join`, { nickname });
      const socket = await open(base, game.pin, join.ticket);
      const bot: Bot = { nickname, join, socket, sent: new Map(), acked: new Set(), points: new Map(), finalScore: null };
      return bot;
    });
    bots.push(...(await Promise.all(wave)));
  }
  log(`${bots.length} players joined`);

  const fanout: number[] = [];
  const ack: number[] = [];
  let answersSent = 0;
  let commandAt = 0;
  const expected = new Map<number, number>();

  for (const bot of bots) {
    const sentAt = new Map<string, number>();
    bot.socket.on((f, at) => {
      switch (f.type) {
        case "question":
          fanout.push(at - commandAt);
          break;
        case "open": {
          const q = f.question;
          if (bot.sent.has(q) || Math.random() < o.silentRate) return;
          const qView = lastQuestion.get(q);
          const limit = qView?.timeLimitMs ?? 5000;
          const delay = Math.random() * Math.min(o.thinkMs, limit * 0.8);
          const answerId = `${bot.join.playerId.slice(0, 8)}-${q}`;
          bot.sent.set(q, answerId);
          expected.set(q, (expected.get(q) ?? 0) + 1);
          setTimeout(() => {
            sentAt.set(answerId, performance.now());
            answersSent++;
            const payload = qView ? randomAnswer(qView) : { choice: 0 };
            bot.socket.send({ type: "answer", question: q, ...payload, answerId });
          }, delay);
          break;
        }
        case "ack": {
          const t = sentAt.get(f.answerId);
          if (t !== undefined && !bot.acked.has(f.question)) ack.push(at - t);
          if (bot.sent.get(f.question) !== f.answerId) fail.push(`${bot.nickname}: ack for an answer it never sent`);
          bot.acked.add(f.question);
          break;
        }
        case "result":
          if (bot.points.has(f.result.index)) fail.push(`${bot.nickname}: two results for question ${f.result.index}`);
          bot.points.set(f.result.index, f.result.points);
          if (f.result.answered !== bot.acked.has(f.result.index))
            fail.push(`${bot.nickname}: result says answered=${f.result.answered} for question ${f.result.index}`);
          break;
        case "final":
          bot.finalScore = f.score;
          break;
        case "error":
          if (f.code !== "late") fail.push(`${bot.nickname}: error ${f.code} (${f.message})`);
          break;
      }
    });
  }

  // The host's view of each question, so bots know how many choices there are.
  const lastQuestion = new Map<number, QuestionView>();
  const reveals = new Map<number, number>();
  host.on((f) => {
    if (f.type === "question") lastQuestion.set(f.question.index, f.question);
    if (f.type === "reveal") reveals.set(f.reveal.index, f.reveal.answered);
  });

  const podiumP = host.wait("podium", 30 * 60_000);
  for (let q = 0; q < game.questionCount; q++) {
    const question = host.wait("question", 15_000, (f) => f.question.index === q);
    commandAt = performance.now();
    host.send({ type: q === 0 ? "start" : "next" });
    const view = (await question).question;
    const reveal = host.wait("reveal", view.timeLimitMs + 15_000, (f) => f.reveal.index === q);
    await host.wait("open", 15_000, (f) => f.question === q);
    // Silent bots would hold the question to its deadline: the host skips once the rest answered.
    const stop = host.on((f) => {
      if (f.type === "progress" && f.question === q && f.answered >= (expected.get(q) ?? 0)) host.send({ type: "skip" });
    });
    setTimeout(() => {
      if ((expected.get(q) ?? 0) === 0) host.send({ type: "skip" });
    }, Math.min(o.thinkMs, view.timeLimitMs * 0.8) + 200);
    const revealed = await reveal;
    stop();
    if (revealed.reveal.answered !== (expected.get(q) ?? 0))
      fail.push(`question ${q}: server counted ${revealed.reveal.answered} answers, bots had ${expected.get(q) ?? 0} acked or pending`);
    const board = host.wait("leaderboard", 15_000);
    host.send({ type: "next" });
    await board;
    log(`question ${q + 1}/${game.questionCount}: ${revealed.reveal.answered} answers`);
  }
  host.send({ type: "next" });
  const podium = await podiumP;
  await new Promise((r) => setTimeout(r, 300)); // let the last `final` frames land

  // Consistency: every acked answer counted once, every score the sum of its question points.
  const answersAccepted = bots.reduce((n, b) => n + b.acked.size, 0);
  for (const b of bots) {
    if (b.acked.size !== b.sent.size) fail.push(`${b.nickname}: sent ${b.sent.size} answers, ${b.acked.size} acked`);
    const sum = [...b.points.values()].reduce((a, c) => a + c, 0);
    if (b.points.size !== game.questionCount) fail.push(`${b.nickname}: ${b.points.size} results for ${game.questionCount} questions`);
    if (b.finalScore !== sum) fail.push(`${b.nickname}: final score ${b.finalScore} but its question points add up to ${sum}`);
    fail.push(...b.socket.problems);
  }
  const totalAnswered = [...reveals.values()].reduce((a, c) => a + c, 0);
  if (totalAnswered !== answersAccepted) fail.push(`server counted ${totalAnswered} answers, bots got ${answersAccepted} acks`);
  if (podium.total !== o.players) fail.push(`podium counts ${podium.total} players, ${o.players} joined`);
  for (const row of podium.top) {
    const bot = bots.find((b) => b.nickname === row.nickname);
    if (!bot || bot.finalScore !== row.score) fail.push(`podium says ${row.nickname} has ${row.score}, the bot has ${bot?.finalScore}`);
  }
  fail.push(...host.problems);

  // The archive: the queue consumer writes the game to D1 shortly after the podium.
  let archived = false;
  for (let i = 0; i < 40 && !archived; i++) {
    const res = await fetch(`${base}/api/archive/${game.gameId}`, { headers: { Authorization: `Bearer ${token}` } });
    archived = res.ok;
    if (!archived) await new Promise((r) => setTimeout(r, 250));
  }
  host.send({ type: "end" });
  for (const b of bots) b.socket.ws.close(1000);
  host.ws.close(1000);
  if (fail.length) throw new Error(`inconsistent game ${game.pin}:\n- ${[...new Set(fail)].slice(0, 30).join("\n- ")}`);

  return {
    pin: game.pin,
    gameId: game.gameId,
    players: bots.length,
    questions: game.questionCount,
    answersSent,
    answersAccepted,
    podium: podium.top.slice(0, 3).map((r) => ({ nickname: r.nickname, score: r.score })),
    archived,
    fanoutMsP50: percentile(fanout, 50),
    fanoutMsP99: percentile(fanout, 99),
    ackMsP99: percentile(ack, 99),
  };
}
