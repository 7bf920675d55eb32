import { Hono } from "hono";
import type { ArchivedGame } from "../../protocol";
import type { AppEnv } from "../app";
import { ApiError } from "../api-error";
import { requireHost } from "../host";
import { erasePlayer } from "../../archive/erase-player";
import { mayManage, requireRole } from "../require-role";

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

export const archiveRoutes = new Hono<AppEnv>()
  // Erasure on request (GDPR art. 17): the game's owner or an admin removes one player from the archive.
  .delete("/:gameId/players/:playerId", requireRole("host", "admin"), async (c) => {
    const gameId = c.req.param("gameId");
    const owner = await c.env.DB.prepare("SELECT host_id FROM games WHERE id = ?").bind(gameId).first<{ host_id: string }>();
    if (!owner || !mayManage(c.get("host"), owner.host_id)) throw new ApiError("not-found", "No archived game with that id.");
    if (!(await erasePlayer(c.env, gameId, c.req.param("playerId"))))
      throw new ApiError("not-found", "No such player in this archived game.");
    return c.body(null, 204);
  })
  .get("/:gameId", requireHost, async (c) => {
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
