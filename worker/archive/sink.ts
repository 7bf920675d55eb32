import type { GameResult } from "../protocol";

/** Where finished games are stored. Writes are upserts keyed by game id, so a retry is harmless. */
export interface ArchiveSink {
  readonly name: string;
  write(result: GameResult): Promise<void>;
  /** The stored document, or null if this sink has no such game. */
  read(gameId: string): Promise<GameResult | null>;
}

/**
 * A failed sink call. `transient` failures (5xx, 429, timeouts, network errors) are retried with
 * backoff; permanent ones (other 4xx, invalid data) go to the dead-letter queue at once.
 */
export class SinkError extends Error {
  constructor(
    readonly sink: string,
    readonly transient: boolean,
    message: string,
  ) {
    super(`${sink}: ${message}`);
  }
}

/** HTTP status → retry or not: the server or a limit may recover; a refused request will not. */
export const isTransientStatus = (status: number) => status >= 500 || status === 429 || status === 408;

/** Any error from a sink, as a SinkError (unknown errors count as transient: a retry costs little). */
export const asSinkError = (sink: string, err: unknown): SinkError =>
  err instanceof SinkError ? err : new SinkError(sink, true, err instanceof Error ? err.message : String(err));
