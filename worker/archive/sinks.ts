import type { Env } from "../env";
import type { GameResult } from "../protocol";
import { D1Sink } from "./d1-sink";
import { MongoSink } from "./mongo-sink";
import { asSinkError, SinkError, type ArchiveSink } from "./sink";

/** D1 always (reports read from it); MongoDB too when its endpoint is configured. */
export function sinksFromEnv(env: Env): ArchiveSink[] {
  const sinks: ArchiveSink[] = [new D1Sink(env.DB)];
  const url = env.MONGO_DATA_API_URL?.trim();
  if (url) {
    if (!env.MONGO_DATA_API_KEY) {
      // Configured but unusable: fail loudly (dead letters) rather than silently skip the copy.
      sinks.push({
        name: "mongodb",
        write: async () => Promise.reject(new SinkError("mongodb", false, "MONGO_DATA_API_URL is set but the MONGO_DATA_API_KEY secret is not")),
        read: async () => null,
      });
    } else {
      sinks.push(
        new MongoSink({
          baseUrl: url,
          apiKey: env.MONGO_DATA_API_KEY,
          dataSource: env.MONGO_DATA_SOURCE || "mongodb-atlas",
          database: env.MONGO_DATABASE || "quiz",
          collection: env.MONGO_COLLECTION || "games",
          timeoutMs: Number(env.MONGO_TIMEOUT_MS) || 10_000,
        }),
      );
    }
  }
  return sinks;
}

/**
 * Writes to every sink, each independently: one failing never stops the others. Throws one SinkError
 * summing up the failures; it is permanent when any failure is (retrying cannot fix that sink),
 * otherwise transient. A retry rewrites the sinks that succeeded, which upserts make harmless.
 */
export async function writeAll(sinks: ArchiveSink[], result: GameResult): Promise<void> {
  const settled = await Promise.allSettled(sinks.map((s) => s.write(result)));
  const failures = settled.flatMap((s, i) => (s.status === "rejected" ? [asSinkError(sinks[i]!.name, s.reason)] : []));
  if (!failures.length) return;
  if (failures.length === 1) throw failures[0];
  const transient = failures.every((f) => f.transient);
  throw new SinkError(failures.map((f) => f.sink).join("+"), transient, failures.map((f) => f.message).join("; "));
}
