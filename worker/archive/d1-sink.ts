import { GameResult } from "../protocol";
import { splitParts, utf8Bytes } from "./parts";
import { SinkError, type ArchiveSink } from "./sink";

/** The embedded default sink; it also backs reports and the game list. */
export class D1Sink implements ArchiveSink {
  readonly name = "d1";
  constructor(private readonly db: D1Database) {}

  /** Parts first, then the row that names how many there are: readers never see half a document. */
  async write(r: GameResult): Promise<void> {
    const json = JSON.stringify(r);
    const parts = splitParts(json);
    // The best rank left (after an erasure the rank-1 player may be gone).
    const winner = r.players.reduce<GameResult["players"][number] | null>((b, p) => (!b || p.rank < b.rank ? p : b), null)?.nickname ?? null;
    try {
      for (const [part, body] of parts.entries())
        await this.db.prepare("INSERT OR REPLACE INTO game_parts (game_id, part, body) VALUES (?, ?, ?)").bind(r.gameId, part, body).run();
      await this.db.batch([
        this.db.prepare("DELETE FROM game_parts WHERE game_id = ? AND part >= ?").bind(r.gameId, parts.length),
        this.db
          .prepare(
            `INSERT INTO games (id, pin, host_id, title, reason, created_at, started_at, ended_at, players, questions, winner, parts, bytes, archived_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (id) DO UPDATE SET reason = excluded.reason, ended_at = excluded.ended_at, players = excluded.players,
               winner = excluded.winner, parts = excluded.parts, bytes = excluded.bytes, archived_at = excluded.archived_at`,
          )
          .bind(
            r.gameId, r.pin, r.hostId, r.quiz.title, r.reason, r.createdAt, r.startedAt, r.endedAt,
            r.players.length, r.quiz.questions.length, winner, parts.length, utf8Bytes(json), Date.now(),
          ),
      ]);
    } catch (err) {
      // D1 errors are outages or limits, not bad data (the result was validated): retry them.
      throw new SinkError(this.name, true, err instanceof Error ? err.message : String(err));
    }
  }

  async read(gameId: string): Promise<GameResult | null> {
    const row = await this.db.prepare("SELECT parts FROM games WHERE id = ?").bind(gameId).first<{ parts: number }>();
    if (!row) return null;
    const { results } = await this.db
      .prepare("SELECT body FROM game_parts WHERE game_id = ? AND part < ? ORDER BY part")
      .bind(gameId, row.parts)
      .all<{ body: string }>();
    if (results.length !== row.parts) throw new Error(`archived game ${gameId} is missing parts`);
    return GameResult.parse(JSON.parse(results.map((p) => p.body).join("")));
  }
}
