// OpsCounters: one Durable Object ("global") that rooms, the queue consumer and the Worker report
// batches of counts to, so an admin can see the live picture. Reports are fire-and-forget from the
// caller's side: if this object is slow or failing, games do not notice (see ops-reporter.ts).
import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env";
import type { FinishedGame, LiveGame } from "../protocol";
import { addCounts, type Counts } from "./metrics";

export interface OpsReport {
  counts: Counts;
  /** Fan-outs in this batch: total and longest duration, ms. */
  fanoutMs?: { total: number; max: number };
  /** The reporting room's game as it is now (removed from the live list once ended). */
  game?: LiveGame & { ended: boolean };
  finished?: FinishedGame;
}

export interface OpsCountersSnapshot {
  since: number;
  totals: Counts;
  fanout: { count: number; totalMs: number; maxMs: number };
  games: LiveGame[];
  answersPerSec: number;
  finished: FinishedGame[];
}

/** A live game not heard from for this long is dropped (its room died without a last report). */
export const LIVE_TTL_MS = 60 * 60_000;
/** Answers per second are averaged over this window. */
export const RATE_WINDOW_MS = 60_000;
const KEEP_FINISHED = 50;

export class OpsCounters extends DurableObject<Env> {
  private since = Date.now();
  private totals: Counts = {};
  private fanout = { count: 0, totalMs: 0, maxMs: 0 };
  /** Accepted answers per arrival second, for the rate. */
  private answerTimes: { at: number; n: number }[] = [];

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    const sql = ctx.storage.sql;
    sql.exec(`CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS live_games (game_id TEXT PRIMARY KEY, body TEXT NOT NULL, updated_at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS finished_games (game_id TEXT PRIMARY KEY, body TEXT NOT NULL, ended_at INTEGER NOT NULL);`);
    // Totals survive an eviction: one row rewritten per report (reports are batched, so this is cheap).
    const saved = sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = 'totals'").toArray()[0];
    if (saved) {
      const t = JSON.parse(saved.value) as { since: number; totals: Counts; fanout: OpsCounters["fanout"] };
      Object.assign(this, { since: t.since, totals: t.totals, fanout: t.fanout });
    }
  }

  async report(r: OpsReport): Promise<void> {
    const now = Date.now();
    addCounts(this.totals, r.counts);
    if (r.fanoutMs && r.counts.fanout) {
      this.fanout.count += r.counts.fanout;
      this.fanout.totalMs += r.fanoutMs.total;
      this.fanout.maxMs = Math.max(this.fanout.maxMs, r.fanoutMs.max);
    }
    const answers = r.counts["answers.accepted"] ?? 0;
    if (answers > 0) this.answerTimes.push({ at: now, n: answers });
    const sql = this.ctx.storage.sql;
    if (r.game) {
      const { ended, ...game } = r.game;
      if (ended) sql.exec("DELETE FROM live_games WHERE game_id = ?", game.gameId);
      else
        sql.exec(
          "INSERT INTO live_games (game_id, body, updated_at) VALUES (?, ?, ?) ON CONFLICT (game_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
          game.gameId,
          JSON.stringify(game),
          now,
        );
    }
    if (r.finished) {
      sql.exec("INSERT OR REPLACE INTO finished_games (game_id, body, ended_at) VALUES (?, ?, ?)", r.finished.gameId, JSON.stringify(r.finished), r.finished.endedAt);
      sql.exec(
        "DELETE FROM finished_games WHERE game_id NOT IN (SELECT game_id FROM finished_games ORDER BY ended_at DESC LIMIT ?)",
        KEEP_FINISHED,
      );
    }
    this.save();
  }

  async snapshot(): Promise<OpsCountersSnapshot> {
    const now = Date.now();
    const sql = this.ctx.storage.sql;
    sql.exec("DELETE FROM live_games WHERE updated_at < ?", now - LIVE_TTL_MS);
    this.answerTimes = this.answerTimes.filter((a) => a.at > now - RATE_WINDOW_MS);
    const games = sql.exec<{ body: string }>("SELECT body FROM live_games ORDER BY updated_at DESC LIMIT 200").toArray();
    const finished = sql.exec<{ body: string }>("SELECT body FROM finished_games ORDER BY ended_at DESC").toArray();
    return {
      since: this.since,
      totals: this.totals,
      fanout: this.fanout,
      games: games.map((g) => JSON.parse(g.body) as LiveGame),
      answersPerSec: this.answerTimes.reduce((a, b) => a + b.n, 0) / (RATE_WINDOW_MS / 1000),
      finished: finished.map((f) => JSON.parse(f.body) as FinishedGame),
    };
  }

  /** Starts counting afresh (tests, or an operator after an incident). Finished games are kept. */
  async reset(): Promise<void> {
    this.since = Date.now();
    this.totals = {};
    this.fanout = { count: 0, totalMs: 0, maxMs: 0 };
    this.answerTimes = [];
    this.ctx.storage.sql.exec("DELETE FROM live_games");
    this.save();
  }

  private save(): void {
    const value = JSON.stringify({ since: this.since, totals: this.totals, fanout: this.fanout });
    this.ctx.storage.sql.exec("INSERT OR REPLACE INTO meta (key, value) VALUES ('totals', ?)", value);
  }
}
