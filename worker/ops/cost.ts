// Estimated Cloudflare cost of one game from counts the room measured. Pure: no I/O, no clock.
// List prices of the Workers Paid plan, beyond its included monthly allowances (so this is the
// marginal cost of one more game), as published on developers.cloudflare.com:
//   /workers/platform/pricing/         Workers: $0.30 per million requests
//   /durable-objects/platform/pricing/ Durable Objects: $0.15 per million requests (RPC calls, socket
//       upgrades, alarms; incoming WebSocket messages count 20:1), $12.50 per million GB-s of duration
//       at 128 MB, SQLite storage $1.00 per million rows written
//   /queues/platform/pricing/          Queues: $0.40 per million operations (write + read + delete per 64 KB)
//   /d1/platform/pricing/              D1: $1.00 per million rows written
// Outgoing WebSocket messages are not billed. Duration assumes the room is awake from the start to
// the end of the game (an upper bound: a hibernating room between questions costs nothing).

export const PRICES_USD = {
  workerRequestPerMillion: 0.3,
  doRequestPerMillion: 0.15,
  wsMessagesPerBilledRequest: 20,
  doGbSecondPerMillion: 12.5,
  doMemoryGb: 0.128,
  doRowWrittenPerMillion: 1.0,
  queueOperationPerMillion: 0.4,
  queueOperationsPerMessage: 3,
  d1RowWrittenPerMillion: 1.0,
} as const;

/** What one game used, as counted by its room. */
export interface GameUsage {
  /** HTTP requests through the Worker on behalf of this game (create, joins, tickets, socket upgrades). */
  workerRequests: number;
  /** Billed Durable Object requests other than socket messages (RPC calls, upgrades, alarms). */
  roomRequests: number;
  /** WebSocket messages the room received. */
  wsMessagesIn: number;
  /** Milliseconds from start to end of the game. */
  activeMs: number;
  /** Rows written to the room's SQLite storage. */
  storageRowsWritten: number;
  /** Queue messages sent for this game (the archive). */
  queueMessages: number;
  /** Rows written to D1 by the archive. */
  d1RowsWritten: number;
}

export interface CostEstimate {
  totalUsd: number;
  /** Per line item, in USD. */
  parts: { workers: number; roomRequests: number; roomDuration: number; roomStorage: number; queue: number; d1: number };
}

const perMillion = (count: number, price: number) => (count / 1_000_000) * price;

export function estimateGameCost(u: GameUsage, p: typeof PRICES_USD = PRICES_USD): CostEstimate {
  const billedRoomRequests = u.roomRequests + u.wsMessagesIn / p.wsMessagesPerBilledRequest;
  const parts = {
    workers: perMillion(u.workerRequests, p.workerRequestPerMillion),
    roomRequests: perMillion(billedRoomRequests, p.doRequestPerMillion),
    roomDuration: perMillion((Math.max(0, u.activeMs) / 1000) * p.doMemoryGb, p.doGbSecondPerMillion),
    roomStorage: perMillion(u.storageRowsWritten, p.doRowWrittenPerMillion),
    queue: perMillion(u.queueMessages * p.queueOperationsPerMessage, p.queueOperationPerMillion),
    d1: perMillion(u.d1RowsWritten, p.d1RowWrittenPerMillion),
  };
  const totalUsd = Object.values(parts).reduce((a, b) => a + b, 0);
  return { totalUsd, parts };
}
