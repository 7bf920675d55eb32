import type { Env } from "../env";
import type { GameResult } from "../protocol";
import { D1Sink } from "./d1-sink";
import { sinksFromEnv, writeAll } from "./sinks";

/**
 * Removes one player's data from an archived game: their row, their answers and identifier, and the
 * derived columns (player count, winner), in every configured sink. Returns false when the game or
 * the player is not in the archive.
 */
export async function erasePlayer(env: Env, gameId: string, playerId: string): Promise<boolean> {
  const result = await new D1Sink(env.DB).read(gameId);
  if (!result?.players.some((p) => p.id === playerId)) return false;
  // Others keep the ranks they earned.
  const erased: GameResult = {
    ...result,
    players: result.players.filter((p) => p.id !== playerId),
    answers: result.answers.filter((a) => a.playerId !== playerId),
  };
  await writeAll(sinksFromEnv(env), erased);
  return true;
}
