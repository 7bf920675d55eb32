// One worker thread of bench players: joins its share of bots over real sockets, answers every
// question after a random think time, and records when frames arrive. Kept free of zod and of the
// game's schemas so the client side stays cheap; the full protocol checks live in `npm run bots`.
import { parentPort, workerData } from "node:worker_threads";
import WebSocket from "ws";

export interface ThreadInput {
  url: string;
  pin: string;
  /** Global indexes of this thread's bots (nickname "Bench N"). */
  first: number;
  count: number;
  joinConcurrency: number;
  thinkMs: number;
}

/** Receipt times are epoch ms with sub-ms precision: one clock shared by every thread. */
export interface ThreadReport {
  joinStartedAt: number;
  joinedAt: number[];
  joinErrors: string[];
  /** Per question index: receipt times of each frame type that matters. */
  question: Record<number, number[]>;
  result: Record<number, number[]>;
  leaderboard: Record<number, number[]>;
  /** Per question: latest answer send time (the answer that closed the question is among the last). */
  lastAnswerAt: Record<number, number>;
  ackMs: number[];
  /** Answers sent and acknowledged per question. */
  sent: Record<number, number>;
  acked: Record<number, number>;
  /** Frames and bytes received per question (attributed to the last question frame seen). */
  frames: Record<number, number>;
  bytes: Record<number, number>;
  errors: string[];
  closed: number;
}

export type ToThread = { type: "join" } | { type: "report" } | { type: "close" };
export type FromThread = { type: "joined" } | { type: "report"; report: ThreadReport };

/** The answer frame's shape lives here only, so a protocol change touches one line. */
export const answerFrame = (question: number, choice: number, answerId: string) =>
  JSON.stringify({ v: 1, type: "answer", question, choice, answerId });

const now = () => performance.timeOrigin + performance.now();
const push = (m: Record<number, number[]>, k: number, v: number) => (m[k] ??= []).push(v);
const inc = (m: Record<number, number>, k: number, by = 1) => (m[k] = (m[k] ?? 0) + by);

function run(input: ThreadInput) {
  const r: ThreadReport = {
    joinStartedAt: 0, joinedAt: [], joinErrors: [], question: {}, result: {}, leaderboard: {}, lastAnswerAt: {},
    ackMs: [], sent: {}, acked: {}, frames: {}, bytes: {}, errors: [], closed: 0,
  };
  const sockets: WebSocket[] = [];

  async function post(path: string, body: unknown): Promise<Record<string, string>> {
    const res = await fetch(`${input.url}${path}`, { method: "POST", body: JSON.stringify(body), headers: { "Content-Type": "application/json" } });
    const text = await res.text();
    // A refused join (e.g. 429) is a finding, not something to retry away: it is reported.
    if (!res.ok) {
      const err = new Error(`POST ${path} → ${res.status}: ${text.slice(0, 200)}`) as Error & { suggestion?: string };
      if (res.status === 400) err.suggestion = (JSON.parse(text) as { error?: { suggestion?: string } }).error?.suggestion;
      throw err;
    }
    return JSON.parse(text) as Record<string, string>;
  }

  function player(index: number): Promise<void> {
    const nickname = `Bench ${index + 1}`;
    // The profanity filter refuses a few numbers ("Bench 69"): take its suggestion, as the app does.
    const join = post(`/api/games/${input.pin}/join`, { nickname }).catch((err: Error & { suggestion?: string }) => {
      if (!err.suggestion) throw err;
      return post(`/api/games/${input.pin}/join`, { nickname: err.suggestion });
    });
    return join.then(
      (join) =>
        new Promise<void>((resolve, reject) => {
          const ws = new WebSocket(`${input.url.replace(/^http/, "ws")}/api/games/${input.pin}/ws?ticket=${encodeURIComponent(join.ticket!)}`, {
            perMessageDeflate: false,
          });
          sockets.push(ws);
          let q = -1;
          let joined = false;
          const answered = new Set<number>();
          const sentAt = new Map<string, number>();
          ws.on("message", (data: Buffer) => {
            const at = now();
            const f = JSON.parse(data.toString()) as { type: string; question?: unknown; answerId?: string; reveal?: unknown; result?: { index: number } };
            if (f.type === "question") q = (f.question as { index: number }).index;
            if (q >= 0) (inc(r.frames, q), inc(r.bytes, q, data.length));
            switch (f.type) {
              case "snapshot":
                if (!joined) {
                  joined = true;
                  r.joinedAt.push(at);
                  resolve();
                }
                break;
              case "question":
                push(r.question, q, at);
                break;
              case "open": {
                const qi = f.question as number;
                if (answered.has(qi)) break;
                answered.add(qi);
                const answerId = `${join.playerId!.slice(0, 8)}-${qi}`;
                setTimeout(() => {
                  const t = now();
                  sentAt.set(answerId, t);
                  r.lastAnswerAt[qi] = Math.max(r.lastAnswerAt[qi] ?? 0, t);
                  inc(r.sent, qi);
                  ws.send(answerFrame(qi, index % 4, answerId));
                }, Math.random() * input.thinkMs);
                break;
              }
              case "ack": {
                const t = sentAt.get(f.answerId!);
                if (t !== undefined) {
                  r.ackMs.push(at - t);
                  sentAt.delete(f.answerId!);
                  inc(r.acked, f.question as number);
                }
                break;
              }
              case "result":
                push(r.result, f.result!.index, at);
                break;
              case "leaderboard":
                push(r.leaderboard, f.question as number, at);
                break;
              case "error":
                r.errors.push(JSON.stringify(f).slice(0, 200));
                break;
            }
          });
          ws.on("close", () => r.closed++);
          ws.once("error", reject);
        }),
    );
  }

  async function joinAll() {
    r.joinStartedAt = now();
    let next = 0;
    const lane = async () => {
      while (next < input.count) {
        const i = input.first + next++;
        await player(i).catch((err: Error) => r.joinErrors.push(err.message));
      }
    };
    await Promise.all(Array.from({ length: Math.min(input.joinConcurrency, input.count) }, lane));
  }

  parentPort!.on("message", (m: ToThread) => {
    if (m.type === "join") void joinAll().then(() => parentPort!.postMessage({ type: "joined" } satisfies FromThread));
    else if (m.type === "report") parentPort!.postMessage({ type: "report", report: r } satisfies FromThread);
    else if (m.type === "close") {
      for (const ws of sockets) ws.terminate();
      process.exit(0);
    }
  });
}

if (parentPort) run(workerData as ThreadInput);
