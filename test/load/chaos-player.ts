// A chaos player: joins through REST, plays on a real socket, and misbehaves on purpose. It drops
// its connection (politely or abruptly), comes back through the resume route with backoff, resends
// answers, answers the wrong question or too late, and sends host commands. It keeps a ledger of
// what it sent and what the server confirmed, so the run can check nothing was lost or doubled.
import WebSocket from "ws";
import { CLOSE, PROTOCOL_VERSION, ServerFrame, type JoinResponse } from "../../worker/protocol";

export interface ChaosRates {
  /** Chance per question to drop the connection while answering (and come back). */
  drop: number;
  /** Chance per question to stay away for the whole question, then send the stale answer (late). */
  sleep: number;
  /** Chance per question of each misbehaviour: resend, second answer, wrong question, host command. */
  misbehave: number;
}

/** Everything a player saw and did, for the invariant checks. */
export interface Ledger {
  /** question → the answer sent (the same id on every resend). */
  sent: Map<number, { answerId: string; choice: number }>;
  /** Questions whose answer the server confirmed: an `ack`, or the snapshot's `you.answerId` after a reconnect. */
  confirmed: Set<number>;
  /** question → points from the `result` frame (or the snapshot's `you.result`). */
  results: Map<number, number>;
  finalScore: number | null;
  reconnects: number;
  drops: number;
  errors: Map<string, number>;
  /** Frames that could only belong to another game, unexpected errors, invalid frames. */
  problems: string[];
}

/** Errors a chaos player provokes on purpose; any other error is a breach. */
const EXPECTED_ERRORS = new Set(["late", "wrong-question", "not-host", "already-answered", "wrong-phase", "game-ended"]);
const FINAL_CLOSES = new Set<number>([CLOSE.kicked, CLOSE.replaced, CLOSE.ended, CLOSE.unknownPlayer]);

/** The one place that builds an answer frame (the answer payload will differ per question type). */
export function answerFrame(question: number, choice: number, answerId: string) {
  return { v: PROTOCOL_VERSION, type: "answer" as const, question, choice, answerId };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class ChaosPlayer {
  readonly ledger: Ledger = {
    sent: new Map(), confirmed: new Set(), results: new Map(), finalScore: null,
    reconnects: 0, drops: 0, errors: new Map(), problems: [],
  };
  private ws: WebSocket | null = null;
  private stopped = false;
  /** Per question: the choice count and whether this player sleeps through it. */
  private readonly plan = new Map<number, { choices: number; sleeper: boolean }>();
  private readonly staleSent = new Set<number>();
  private current = -1;
  private phase = "lobby";
  private seq = 0;

  constructor(
    private readonly base: string,
    readonly pin: string,
    readonly tag: string,
    readonly join: JoinResponse,
    private readonly rates: ChaosRates,
    private readonly thinkMs: number,
  ) {}

  get playerId(): string {
    return this.join.playerId;
  }

  start(): Promise<void> {
    return this.connect(this.join.ticket);
  }

  /** Connected (or finished) with no reconnect pending: whatever it had to send is out. */
  get settled(): boolean {
    return this.stopped || this.ws?.readyState === WebSocket.OPEN;
  }

  stop(): void {
    this.stopped = true;
    this.ws?.close(1000);
  }

  private problem(msg: string) {
    this.ledger.problems.push(`${this.join.nickname}: ${msg}`);
  }

  private connect(ticket: string): Promise<void> {
    const url = `${this.base.replace(/^http/, "ws")}/api/games/${this.pin}/ws?ticket=${encodeURIComponent(ticket)}`;
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { perMessageDeflate: false });
      this.ws = ws;
      ws.on("message", (data) => this.onFrame(String(data)));
      ws.once("open", () => resolve());
      ws.once("error", (err) => reject(err));
      ws.on("close", (code) => {
        if (this.ws !== ws || this.stopped) return;
        this.ws = null;
        if (FINAL_CLOSES.has(code)) {
          if (code !== CLOSE.ended) this.problem(`closed for good with ${code}`);
          this.stopped = true;
          return;
        }
        void this.reconnect();
      });
    });
  }

  /** What a phone does after its socket died: a fresh ticket from `resume`, with backoff. */
  private async reconnect(delayMs = 0): Promise<void> {
    for (let attempt = 0; !this.stopped; attempt++) {
      await sleep(delayMs || Math.min(4000, 200 * 2 ** attempt) * (0.5 + Math.random()));
      delayMs = 0;
      try {
        const res = await fetch(`${this.base}/api/games/${this.pin}/resume`, {
          method: "POST",
          body: JSON.stringify({ resumeToken: this.join.resumeToken }),
        });
        if (res.status === 409 || res.status === 404) return void (this.stopped = true); // the game is over
        if (!res.ok) throw new Error(`resume ${res.status}`);
        await this.connect(((await res.json()) as { ticket: string }).ticket);
        this.ledger.reconnects++;
        return;
      } catch {
        // server busy or restarting: try again later
      }
    }
  }

  /** Drops the connection now: a clean close or a dead socket (no close frame at all). */
  private drop(awayMs: number) {
    const ws = this.ws;
    if (!ws || this.stopped) return;
    this.ws = null;
    this.ledger.drops++;
    if (Math.random() < 0.5) ws.terminate();
    else ws.close(1000, "bye");
    void this.reconnect(awayMs);
  }

  private send(frame: object) {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(frame));
  }

  private onFrame(data: string) {
    const parsed = ServerFrame.safeParse(JSON.parse(data));
    if (!parsed.success) return this.problem(`invalid frame ${data.slice(0, 120)}`);
    const f = parsed.data;
    this.seq = Math.max(this.seq, f.seq);
    switch (f.type) {
      case "snapshot":
        return this.onSnapshot(f);
      case "question":
        if (!f.question.text.startsWith(`[${this.tag}]`)) this.problem(`question from another game: ${f.question.text}`);
        this.current = f.question.index;
        this.phase = "preview";
        this.planQuestion(f.question.index, f.question.choices.length);
        return;
      case "open":
        this.current = f.question;
        this.phase = "answering";
        return this.onOpen(f.question);
      case "ack": {
        const mine = this.ledger.sent.get(f.question);
        if (!mine || mine.answerId !== f.answerId) return this.problem(`ack for an answer it never sent: ${f.answerId}`);
        this.ledger.confirmed.add(f.question);
        return;
      }
      case "reveal":
        this.phase = "reveal";
        return;
      case "result":
        return void this.ledger.results.set(f.result.index, f.result.points);
      case "leaderboard":
      case "podium":
        this.phase = f.type;
        for (const r of f.top) if (!r.nickname.startsWith(`${this.tag}-`)) this.problem(`${f.type} lists ${r.nickname} from another game`);
        return;
      case "final":
        this.ledger.finalScore = f.score;
        return;
      case "error":
        this.ledger.errors.set(f.code, (this.ledger.errors.get(f.code) ?? 0) + 1);
        if (!EXPECTED_ERRORS.has(f.code)) this.problem(`unexpected error ${f.code}: ${f.message}`);
        return;
      case "ended":
        return this.stop();
      default:
        return;
    }
  }

  private onSnapshot(s: Extract<ServerFrame, { type: "snapshot" }>) {
    if (s.pin !== this.pin) return this.problem(`snapshot of game ${s.pin}`);
    const you = s.you;
    if (!you || you.id !== this.playerId) return this.problem("snapshot for someone else");
    this.phase = s.phase;
    if (s.question) {
      this.current = s.question.index;
      this.planQuestion(s.question.index, s.question.choices.length);
    }
    if (you.result) this.ledger.results.set(you.result.index, you.result.points);
    if (s.phase === "podium" || s.phase === "ended") this.ledger.finalScore = you.score;
    const q = this.current;
    const mine = this.ledger.sent.get(q);
    if (you.answerId !== null) {
      if (mine?.answerId !== you.answerId) return this.problem(`snapshot says it answered ${you.answerId} to ${q}`);
      this.ledger.confirmed.add(q);
    } else if (s.phase === "answering") {
      // Our answer never arrived (or was never sent): send it (again, with the same id).
      if (mine) this.send(answerFrame(q, mine.choice, mine.answerId));
      else this.onOpen(q);
    }
    // Back from sleeping through a question: the stale answer goes out once and must not count twice.
    for (const [stale, a] of this.ledger.sent) {
      if (this.ledger.confirmed.has(stale) || this.staleSent.has(stale) || (stale === q && s.phase === "answering")) continue;
      this.staleSent.add(stale);
      this.send(answerFrame(stale, a.choice, a.answerId));
    }
  }

  private planQuestion(q: number, choices: number) {
    if (!this.plan.has(q)) this.plan.set(q, { choices, sleeper: Math.random() < this.rates.sleep });
  }

  private onOpen(q: number) {
    const plan = this.plan.get(q) ?? { choices: 2, sleeper: false };
    if (this.ledger.sent.has(q)) return;
    const choice = Math.floor(Math.random() * plan.choices);
    const answerId = `${this.tag}-${this.playerId.slice(0, 8)}-q${q}`;
    if (plan.sleeper) {
      // The phone sleeps through the question; on waking it sends what the player had tapped.
      this.ledger.sent.set(q, { answerId, choice });
      plan.sleeper = false;
      // Back during the reveal or leaderboard (→ late), or in a later question (→ wrong-question).
      return this.drop(this.thinkMs + 500 + Math.random() * (this.thinkMs * 2 + 3000));
    }
    const think = Math.random() * this.thinkMs;
    const m = this.rates.misbehave;
    if (Math.random() < m) this.send(answerFrame(q + 1, 0, `${answerId}-ahead`)); // wrong question
    if (q > 0 && Math.random() < m) this.send(answerFrame(q - 1, 0, `${answerId}-behind`));
    if (Math.random() < m) this.send({ v: PROTOCOL_VERSION, type: Math.random() < 0.5 ? "next" : "skip" }); // not-host
    setTimeout(() => {
      if (this.current !== q || this.phase !== "answering" || this.ledger.sent.has(q)) return;
      this.ledger.sent.set(q, { answerId, choice });
      this.send(answerFrame(q, choice, answerId));
      if (Math.random() < m) this.send(answerFrame(q, choice, answerId)); // double tap: same id
      if (Math.random() < m) setTimeout(() => this.send(answerFrame(q, (choice + 1) % plan.choices, `${answerId}-again`)), 50);
      // Dropping right after sending leaves the answer in flight: the snapshot after resuming settles it.
      if (Math.random() < this.rates.drop) this.drop(Math.random() * 2500);
    }, think);
    if (Math.random() < this.rates.drop / 2) setTimeout(() => this.drop(Math.random() * 2500), Math.random() * think);
  }
}
