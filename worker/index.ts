// Composition root: REST and sockets through Hono, the archive queue, and the GameRoom class.
import { consumeArchive } from "./archive/consumer";
import type { Env } from "./env";
import { app } from "./http/app";

export { GameRoom } from "./room/game-room";

export default {
  fetch: (req, env, ctx) => app.fetch(req, env, ctx),
  async queue(batch, env, _ctx) {
    await consumeArchive(batch, env);
  },
} satisfies ExportedHandler<Env, unknown>;
