import type { GameList, GameSummary } from "../protocol";

interface Row {
  id: string;
  pin: string;
  title: string;
  started_at: number | null;
  ended_at: number;
  players: number;
  questions: number;
  winner: string | null;
}

/** A host's archived games, newest first, by keyset pages (`endedAt:id` cursors stay stable as games arrive). */
export async function listGames(db: D1Database, hostId: string, limit: number, cursor?: string): Promise<GameList> {
  const [endedAt, id] = cursor ? [Number(cursor.slice(0, cursor.indexOf(":"))), cursor.slice(cursor.indexOf(":") + 1)] : [null, null];
  const after = cursor ? "AND (ended_at < ? OR (ended_at = ? AND id < ?))" : "";
  const args: (string | number)[] = cursor ? [hostId, endedAt!, endedAt!, id!, limit + 1] : [hostId, limit + 1];
  const { results } = await db
    .prepare(
      `SELECT id, pin, title, started_at, ended_at, players, questions, winner FROM games
       WHERE host_id = ? ${after} ORDER BY ended_at DESC, id DESC LIMIT ?`,
    )
    .bind(...args)
    .all<Row>();
  const page = results.slice(0, limit);
  const games: GameSummary[] = page.map((r) => ({
    gameId: r.id,
    pin: r.pin,
    title: r.title,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    players: r.players,
    questions: r.questions,
    winner: r.winner,
  }));
  const last = page.at(-1);
  return { games, next: results.length > limit && last ? `${last.ended_at}:${last.id}` : null };
}
