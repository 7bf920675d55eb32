// A local server speaking the MongoDB Atlas Data API wire format (MongoDB itself cannot be installed
// here): POST /action/{updateOne|findOne|find}, `apiKey` header, JSON bodies with dataSource/database/collection.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface Recorded {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

type Doc = Record<string, unknown>;

export class FakeDataApi {
  readonly requests: Recorded[] = [];
  /** Stored documents by `${database}.${collection}` then `_id`. */
  readonly collections = new Map<string, Map<string, Doc>>();
  /** The next responses to force, in order: a status code, or "hang" to never answer. */
  readonly forced: (number | "hang")[] = [];
  private server: Server = createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      const body = raw ? (JSON.parse(raw) as Doc) : {};
      this.requests.push({ method: req.method!, path: req.url!, headers: req.headers, body });
      const send = (status: number, json: unknown) => res.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify(json));
      const forced = this.forced.shift();
      if (forced === "hang") return; // the client's timeout must fire
      if (forced) return send(forced, { error: `forced ${forced}`, error_code: "Forced" });
      if (req.headers.apikey !== this.apiKey) return send(401, { error: "invalid session", error_code: "InvalidSession" });
      if (typeof body.dataSource !== "string" || typeof body.database !== "string" || typeof body.collection !== "string")
        return send(400, { error: "dataSource, database and collection are required", error_code: "MissingParameter" });
      const coll = this.coll(`${body.database}.${body.collection}`);
      const action = /^\/app\/data-test\/endpoint\/data\/v1\/action\/(\w+)$/.exec(req.url ?? "")?.[1];
      const filter = (body.filter ?? {}) as Doc;
      const matches = [...coll.values()].filter((d) => Object.entries(filter).every(([k, v]) => d[k] === v));
      switch (action) {
        case "updateOne": {
          const set = (body.update as { $set?: Doc } | undefined)?.$set;
          if (!set) return send(400, { error: "update needs $set", error_code: "InvalidParameter" });
          const found = matches[0];
          if (found) return coll.set(String(found._id), { ...found, ...set }), send(200, { matchedCount: 1, modifiedCount: 1 });
          if (!body.upsert) return send(200, { matchedCount: 0, modifiedCount: 0 });
          const doc = { ...filter, ...set };
          coll.set(String(doc._id), doc);
          return send(200, { matchedCount: 0, modifiedCount: 0, upsertedId: doc._id });
        }
        case "findOne":
          return send(200, { document: matches[0] ?? null });
        case "find": {
          const sort = Object.entries((body.sort ?? {}) as Record<string, number>)[0];
          const key = (d: Doc) => String((d[sort?.[0] ?? "_id"] as { $date?: string })?.$date ?? d[sort?.[0] ?? "_id"]);
          const sorted = sort ? [...matches].sort((a, b) => key(a).localeCompare(key(b)) * (sort[1] < 0 ? -1 : 1)) : matches;
          return send(200, { documents: sorted.slice(0, typeof body.limit === "number" ? body.limit : undefined) });
        }
        default:
          return send(404, { error: "no such action", error_code: "NotFound" });
      }
    });
  });

  constructor(readonly apiKey: string) {}

  private coll(name: string) {
    let c = this.collections.get(name);
    if (!c) this.collections.set(name, (c = new Map()));
    return c;
  }

  async start(): Promise<string> {
    await new Promise<void>((r) => this.server.listen(0, "127.0.0.1", r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/app/data-test/endpoint/data/v1`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((r) => this.server.close(r));
  }
}
