// What a GameRoom counts for operations: in memory per event (no I/O on the answer path), flushed
// as one batch at each phase change or FLUSH_MS after the first unflushed count. A flush writes
// Analytics Engine points, keeps the game's running usage in room storage (it must outlive
// hibernation to price the whole game) and posts the batch to OpsCounters without awaiting it.
import type { Env } from "../env";
import type { Effect, GameEvent, Rejection } from "../game/events";
import type { GameState } from "../game/state";
import type { FinishedGame } from "../protocol";
import { estimateGameCost } from "./cost";
import { countKey, writeMetrics, type Counts, type MetricName } from "./metrics";
import type { OpsReport } from "./ops-counters";
import { reportOps } from "./ops-reporter";

export const FLUSH_MS = 2000;
const USAGE_KEY = "ops.usage";
// The archive writes a `games` row and at least one part (more for big games; this is an estimate).
const D1_ROWS_PER_GAME = 2;

type Usage = FinishedGame["usage"] & { answers: number };
const zeroUsage = (): Usage => ({
  workerRequests: 0,
  roomRequests: 0,
  wsMessagesIn: 0,
  wsMessagesOut: 0,
  activeMs: 0,
  storageRowsWritten: 0,
  queueMessages: 0,
  d1RowsWritten: 0,
  answers: 0,
});

interface MeterStore {
  getMeta(key: string): string | null;
  setMeta(key: string, value: string | null): void;
}

export class RoomMeter {
  private pending: Counts = {};
  private fanoutMs = { total: 0, max: 0 };
  private usage: Usage;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private finished: FinishedGame | null = null;

  constructor(
    private readonly ctx: Pick<DurableObjectState, "waitUntil">,
    private readonly env: Env,
    private readonly store: MeterStore,
    private readonly game: () => GameState | null,
  ) {
    this.usage = { ...zeroUsage(), ...(JSON.parse(store.getMeta(USAGE_KEY) ?? "null") as Partial<Usage> | null) };
  }

  /** A new game in this room: nothing carried over from the previous one. */
  reset(): void {
    this.usage = zeroUsage();
    this.pending = {};
    this.finished = null;
    this.count("games.created");
    this.usage.roomRequests++;
    this.usage.workerRequests++;
  }

  count(name: MetricName, label?: string, n = 1): void {
    const k = countKey(name, label);
    this.pending[k] = (this.pending[k] ?? 0) + n;
    this.arm();
  }

  messageIn(): void {
    this.usage.wsMessagesIn++;
    this.count("ws.in");
  }

  messagesOut(n: number): void {
    this.usage.wsMessagesOut += n;
    this.count("ws.out", undefined, n);
  }

  /** One frame sent to `recipients` sockets in `ms` (only fan-outs to more than one socket). */
  fanout(ms: number, recipients: number): void {
    if (recipients < 2) return;
    this.fanoutMs.total += ms;
    this.fanoutMs.max = Math.max(this.fanoutMs.max, ms);
    this.count("fanout");
    this.count("fanout.recipients", undefined, recipients);
  }

  archiveSent(ok: boolean): void {
    if (ok) this.usage.queueMessages++;
    this.count(ok ? "queue.sent" : "queue.send-failed");
  }

  /** Everything one reducer step tells about the game; flushes at once when the phase changed. */
  observe(event: GameEvent, phaseBefore: GameState["phase"], s: GameState, effects: Effect[], rejection?: Rejection): void {
    if (event.type === "join" || event.type === "connect") {
      this.usage.roomRequests++;
      this.usage.workerRequests++;
    } else if (event.type === "tick") this.usage.roomRequests++;
    if (event.type === "join" && !rejection) this.count("players.joined");
    const isAnswer = event.type === "frame" && event.frame.type === "answer";
    if (rejection) this.count(isAnswer ? "answers.rejected" : "frames.rejected", rejection.code);
    for (const e of effects) {
      if (e.kind === "save-answer") {
        this.usage.answers++;
        this.count("answers.accepted");
      }
      if (e.kind === "save-scores") this.usage.storageRowsWritten += s.activeCount;
      else if (e.kind === "save-game" || e.kind === "save-player" || e.kind === "save-answer") this.usage.storageRowsWritten++;
    }
    if (s.phase === phaseBefore) return;
    const done = (p: GameState["phase"]) => p === "podium" || p === "ended";
    if (phaseBefore === "lobby" && s.startedAt !== null) this.count("games.started");
    if (!done(phaseBefore) && done(s.phase) && s.startedAt !== null) {
      this.count("games.ended", s.endReason ?? (s.phase === "podium" ? "finished" : undefined));
      this.finished = this.finish(s);
    }
    this.flush();
  }

  /** Sends what is pending now (also called by the timer). Never throws, never awaits the report. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const s = this.game();
    const counts = this.pending;
    const fanoutMs = this.fanoutMs;
    this.pending = {};
    this.fanoutMs = { total: 0, max: 0 };
    if (!s) return;
    try {
      this.store.setMeta(USAGE_KEY, JSON.stringify(this.usage));
    } catch {
      // Storage is gone (room wiped): the counts still go out below.
    }
    writeMetrics(this.env.OPS_METRICS, counts, { pin: s.pin, gameId: s.gameId, environment: this.env.ENVIRONMENT }, { fanout: fanoutMs.total });
    const report: OpsReport = {
      counts,
      fanoutMs,
      game: { pin: s.pin, gameId: s.gameId, phase: s.phase, players: s.activeCount, connected: s.connectedCount, updatedAt: Date.now(), ended: s.phase === "ended" },
      ...(this.finished ? { finished: this.finished } : {}),
    };
    this.finished = null;
    this.ctx.waitUntil(
      reportOps(this.env, report).then((ok) => {
        // A lost finished-game record is worth one retry with the next batch; counts are not.
        if (!ok && report.finished) this.finished ??= report.finished;
      }),
    );
  }

  /** The usage and cost of a game that just finished. */
  private finish(s: GameState): FinishedGame {
    const activeMs = s.startedAt !== null ? Date.now() - s.startedAt : 0;
    const usage = { ...this.usage, activeMs, queueMessages: Math.max(1, this.usage.queueMessages), d1RowsWritten: D1_ROWS_PER_GAME };
    const { answers, ...priced } = usage;
    return {
      pin: s.pin,
      gameId: s.gameId,
      endedAt: Date.now(),
      players: s.activeCount,
      questions: s.quiz.questions.length,
      answers,
      usage: priced,
      costUsd: estimateGameCost(priced).totalUsd,
    };
  }

  // A short timer so counts reach the live view within FLUSH_MS even when no phase changes; it keeps
  // the room awake for at most that long (a cosmetic timer, not a game deadline).
  private arm(): void {
    this.timer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }
}
