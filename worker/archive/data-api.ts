import { isTransientStatus, SinkError } from "./sink";

/** A MongoDB Atlas Data API compatible endpoint (the hosted one was switched off on 2025-09-30). */
export interface DataApiConfig {
  /** e.g. `https://data.example.com/app/<app>/endpoint/data/v1`; actions are POSTed to `{baseUrl}/action/{name}`. */
  baseUrl: string;
  apiKey: string;
  dataSource: string;
  database: string;
  collection: string;
  timeoutMs: number;
}

export type Doc = Record<string, unknown>;

/** The Data API's wire format over fetch: one POST per action, JSON in and out. */
export class DataApiClient {
  constructor(
    private readonly cfg: DataApiConfig,
    private readonly name = "mongodb",
  ) {}

  updateOne(filter: Doc, update: Doc, upsert: boolean) {
    return this.action<{ matchedCount: number; modifiedCount: number; upsertedId?: unknown }>("updateOne", { filter, update, upsert });
  }

  async findOne(filter: Doc, projection?: Doc): Promise<Doc | null> {
    const res = await this.action<{ document?: Doc | null }>("findOne", { filter, ...(projection ? { projection } : {}) });
    return res.document ?? null;
  }

  async find(filter: Doc, opts: { projection?: Doc; sort?: Doc; limit?: number; skip?: number } = {}): Promise<Doc[]> {
    const res = await this.action<{ documents?: Doc[] }>("find", { filter, ...opts });
    return res.documents ?? [];
  }

  private async action<T>(action: string, args: Doc): Promise<T> {
    const { baseUrl, apiKey, dataSource, database, collection, timeoutMs } = this.cfg;
    const url = `${baseUrl.replace(/\/+$/, "")}/action/${action}`;
    let res: Response;
    try {
      res = await fetch(url, {
        method: "POST",
        headers: { apiKey, "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ dataSource, database, collection, ...args }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      const timedOut = err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError");
      throw new SinkError(this.name, true, timedOut ? `${action} timed out after ${timeoutMs} ms` : `${action} failed: ${String(err)}`);
    }
    const text = await res.text().catch(() => "");
    if (!res.ok) throw new SinkError(this.name, isTransientStatus(res.status), `${action} → HTTP ${res.status}: ${text.slice(0, 300)}`);
    try {
      return JSON.parse(text) as T;
    } catch {
      // A 2xx that is not JSON is a proxy or gateway hiccup more often than a real answer.
      throw new SinkError(this.name, true, `${action} → HTTP ${res.status} with a body that is not JSON`);
    }
  }
}
