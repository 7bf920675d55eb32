// What the GameRoom objects of a dev server's state folder still store, read by workerd itself
// (Miniflare over the same folder, after the dev server stopped), so the write-ahead logs and the
// alarms are seen as the runtime sees them. Miniflare keeps one SQLite file per object that ever
// existed; a room that cleaned up has only empty tables in it and no alarm. Miniflare's own
// bookkeeping table (the object's name) is not counted.
import { readdirSync } from "node:fs";
import path from "node:path";
import { Miniflare } from "miniflare";

const INSPECTOR = `
import { DurableObject } from "cloudflare:workers";
export class GameRoom extends DurableObject {
  async inspect() {
    const sql = this.ctx.storage.sql;
    const rows = {};
    for (const { name } of sql.exec("SELECT name FROM sqlite_master WHERE type = 'table' AND substr(name, 1, 7) != 'sqlite_' AND substr(name, 1, 4) != '_cf_' AND substr(name, 1, 12) != '__miniflare_'").toArray())
      rows[name] = sql.exec('SELECT count(*) AS n FROM "' + name.replaceAll('"', '""') + '"').one().n;
    // The key-value API's rows live in a table the runtime hides from SQL.
    rows["(key-value)"] = (await this.ctx.storage.list({ limit: 1000 })).size;
    return { rows, alarm: await this.ctx.storage.getAlarm() };
  }
}
export default {
  async fetch(req, env) {
    const ids = await req.json();
    return Response.json(await Promise.all(ids.map((id) => env.ROOM.get(env.ROOM.idFromString(id)).inspect())));
  },
};`;

export interface RoomStorage {
  rooms: number;
  /** Rooms with a row in any table, or an alarm set. */
  notEmpty: { id: string; rows: Record<string, number>; alarm: number | null }[];
}

export async function inspectRooms(state: string, script = "quiz-live"): Promise<RoomStorage> {
  const doDir = path.join(state, "v3", "do");
  let ids: string[] = [];
  try {
    ids = readdirSync(path.join(doDir, `${script}-GameRoom`)).filter((f) => /^[0-9a-f]{64}\.sqlite$/.test(f)).map((f) => f.slice(0, 64));
  } catch {
    return { rooms: 0, notEmpty: [] };
  }
  const mf = new Miniflare({
    name: script, modules: true, script: INSPECTOR, compatibilityDate: "2026-04-26",
    durableObjects: { ROOM: { className: "GameRoom", useSQLite: true } }, durableObjectsPersist: doDir,
  });
  try {
    const res = await mf.dispatchFetch("http://inspect/", { method: "POST", body: JSON.stringify(ids) });
    const found = (await res.json()) as { rows: Record<string, number>; alarm: number | null }[];
    const notEmpty = found.map((f, i) => ({ id: ids[i]!, ...f })).filter((f) => f.alarm !== null || Object.values(f.rows).some((n) => n > 0));
    return { rooms: ids.length, notEmpty };
  } finally {
    await mf.dispose();
  }
}
