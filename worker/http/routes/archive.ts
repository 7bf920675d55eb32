import { Hono } from "hono";
import type { ArchivedGame } from "../../protocol";
import type { AppEnv } from "../app";
import { ApiError } from "../api-error";
import { requireHost } from "../host";

interface GameRow {
  id: string;
  pin: string;
  host_id: string;
  title: string;
  players: number;
  questions: number;
  winner: string | null;
  ended_at: number;
}

export const archiveRoutes = new Hono<AppEnv>().get("/:gameId", requireHost, async (c) => {
  const row = await c.env.DB.prepare(
    "SELECT id, pin, host_id, title, players, questions, winner, ended_at FROM games WHERE id = ?",
  )
    .bind(c.req.param("gameId"))
    .first<GameRow>();
  const host = c.get("host");
  // Someone else's game answers like a missing one, so ids cannot be probed.
  if (!row || (row.host_id !== host.sub && !host.roles.includes("admin"))) throw new ApiError("not-found", "No archived game with that id.");
  const body: ArchivedGame = {
    gameId: row.id,
    pin: row.pin,
    title: row.title,
    players: row.players,
    questions: row.questions,
    winner: row.winner,
    endedAt: row.ended_at,
  };
  return c.json(body);
});
