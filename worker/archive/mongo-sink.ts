import { GameResult } from "../protocol";
import { DataApiClient, type DataApiConfig, type Doc } from "./data-api";
import { SinkError, type ArchiveSink } from "./sink";

const DATE_FIELDS = ["createdAt", "startedAt", "endedAt"] as const;

/** Extended JSON date, so the stored fields are real BSON dates that MongoDB can index and sort. */
const toDate = (ms: number | null) => (ms === null ? null : { $date: new Date(ms).toISOString() });

/** Accepts the shapes a Data API may answer with: relaxed/canonical EJSON, an ISO string, or epoch ms. */
function fromDate(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return v;
  if (typeof v === "string") return Date.parse(v);
  if (typeof v === "object" && "$date" in v) {
    const d = (v as { $date: unknown }).$date;
    if (d && typeof d === "object" && "$numberLong" in d) return Number((d as { $numberLong: string }).$numberLong);
    return fromDate(d);
  }
  return Number.NaN;
}

/** The document as stored: the result, keyed by game id, with EJSON dates. */
export function toDocument(r: GameResult, archivedAt: number): Doc {
  const doc: Doc = { ...r, archivedAt: toDate(archivedAt) };
  for (const f of DATE_FIELDS) doc[f] = toDate(r[f]);
  return doc;
}

export function fromDocument(doc: Doc): GameResult {
  const { _id: _ignored, archivedAt: _at, ...rest } = doc;
  for (const f of DATE_FIELDS) rest[f] = fromDate(rest[f]);
  const parsed = GameResult.safeParse(rest);
  if (!parsed.success) throw new SinkError("mongodb", false, `stored document is not a game result: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

/** Writes each game as one document, upserted by `_id` = game id, through the Data API. */
export class MongoSink implements ArchiveSink {
  readonly name = "mongodb";
  private readonly api: DataApiClient;
  constructor(cfg: DataApiConfig) {
    this.api = new DataApiClient(cfg, this.name);
  }

  async write(r: GameResult): Promise<void> {
    await this.api.updateOne({ _id: r.gameId }, { $set: toDocument(r, Date.now()) }, true);
  }

  async read(gameId: string): Promise<GameResult | null> {
    const doc = await this.api.findOne({ _id: gameId });
    return doc ? fromDocument(doc) : null;
  }

  /** A host's games, newest first (the Data API's `find`). */
  async listByHost(hostId: string, limit: number): Promise<{ gameId: string; title: string; endedAt: number | null }[]> {
    const docs = await this.api.find(
      { hostId },
      { projection: { _id: 1, "quiz.title": 1, endedAt: 1 }, sort: { endedAt: -1 }, limit },
    );
    return docs.map((d) => ({ gameId: String(d._id), title: String((d.quiz as Doc | undefined)?.title ?? ""), endedAt: fromDate(d.endedAt) }));
  }
}
