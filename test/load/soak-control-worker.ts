// Control for the soak: a bare SQLite-backed Durable Object per "game" (one per name), nothing of the
// product. It accepts hibernatable sockets, stores a few rows per message, and wipes its storage
// (deleteAll) when the last socket closes, as a room does after its idle cleanup. The query's
// `with` adds one platform feature the product uses at a time, to tell which one costs memory:
// d1 (a row per message), queue (a message per game, consumed into D1), alarm (one armed per
// socket), rpc (a call per message to one shared object, like the ops counters).
import { DurableObject } from "cloudflare:workers";

interface Env { ROOM: DurableObjectNamespace<BareRoom>; SHARED: DurableObjectNamespace<SharedCounter>; DB: D1Database; Q: Queue }

export class SharedCounter extends DurableObject<Env> {
  n = 0;
  add(k: number): number {
    return (this.n += k);
  }
}

export class BareRoom extends DurableObject<Env> {
  override async fetch(req: Request): Promise<Response> {
    const pair = new WebSocketPair();
    this.ctx.acceptWebSocket(pair[1], [new URL(req.url).searchParams.get("with") ?? ""]);
    this.ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS t (k TEXT PRIMARY KEY, v TEXT)");
    if (this.has(pair[1], "alarm")) await this.ctx.storage.setAlarm(Date.now() + 500);
    return new Response(null, { status: 101, webSocket: pair[0] });
  }
  private has(ws: WebSocket, feature: string): boolean {
    return (this.ctx.getTags(ws)[0] ?? "").split(",").includes(feature);
  }
  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    this.ctx.storage.sql.exec("INSERT OR REPLACE INTO t VALUES (?, ?)", crypto.randomUUID(), String(message).repeat(20));
    if (this.has(ws, "d1")) await this.env.DB.prepare("INSERT INTO t (v) VALUES (?)").bind(String(message)).run();
    if (this.has(ws, "rpc")) await this.env.SHARED.get(this.env.SHARED.idFromName("one")).add(1);
    for (const s of this.ctx.getWebSockets()) s.send(String(message));
  }
  override async alarm(): Promise<void> {
    if (this.ctx.getWebSockets().length) await this.ctx.storage.setAlarm(Date.now() + 500);
  }
  override async webSocketClose(ws: WebSocket): Promise<void> {
    ws.close();
    if (this.ctx.getWebSockets().filter((s) => s !== ws && s.readyState === WebSocket.OPEN).length === 0) {
      if (this.has(ws, "queue")) await this.env.Q.send({ rows: this.ctx.storage.sql.exec("SELECT v FROM t").toArray() });
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
  async queue(batch, env): Promise<void> {
    for (const m of batch.messages) {
      await env.DB.prepare("INSERT INTO t (v) VALUES (?)").bind(JSON.stringify(m.body)).run();
      m.ack();
    }
  },
} satisfies ExportedHandler<Env, { rows: unknown[] }>;
