// Control for the soak: a bare SQLite-backed Durable Object per "game" (one per name), nothing of the
// product. It accepts hibernatable sockets, stores a few rows per message, and wipes its storage
// (deleteAll) when the last socket closes, as a room does after its idle cleanup.
import { DurableObject } from "cloudflare:workers";

interface Env { ROOM: DurableObjectNamespace<BareRoom> }

export class BareRoom extends DurableObject<Env> {
  override async fetch(): Promise<Response> {
    const pair = new WebSocketPair();
    this.ctx.acceptWebSocket(pair[1]);
    this.ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS t (k TEXT PRIMARY KEY, v TEXT)");
    return new Response(null, { status: 101, webSocket: pair[0] });
  }
  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    this.ctx.storage.sql.exec("INSERT OR REPLACE INTO t VALUES (?, ?)", crypto.randomUUID(), String(message).repeat(20));
    for (const s of this.ctx.getWebSockets()) s.send(String(message));
  }
  override async webSocketClose(ws: WebSocket): Promise<void> {
    ws.close();
    if (this.ctx.getWebSockets().filter((s) => s !== ws && s.readyState === WebSocket.OPEN).length === 0) {
      await this.ctx.storage.deleteAlarm();
      await this.ctx.storage.deleteAll();
    }
  }
}

export default {
  async fetch(req, env): Promise<Response> {
    const name = new URL(req.url).searchParams.get("room") ?? "x";
    return env.ROOM.get(env.ROOM.idFromName(name)).fetch(req);
  },
} satisfies ExportedHandler<Env>;
