import { describe, expect, it } from "vitest";
import { estimateGameCost, PRICES_USD, type GameUsage } from "../../../worker/ops/cost";

const none: GameUsage = { workerRequests: 0, roomRequests: 0, wsMessagesIn: 0, activeMs: 0, storageRowsWritten: 0, queueMessages: 0, d1RowsWritten: 0 };

describe("estimated cost of a game", () => {
  it("is zero for a game that used nothing", () => {
    expect(estimateGameCost(none).totalUsd).toBe(0);
  });

  it("bills incoming socket messages at 20 per Durable Object request", () => {
    const c = estimateGameCost({ ...none, wsMessagesIn: 20_000_000 });
    expect(c.parts.roomRequests).toBeCloseTo(PRICES_USD.doRequestPerMillion, 10); // 1 M billed requests
  });

  it("prices room duration as GB-s at 128 MB", () => {
    // 1,000,000 GB-s = 7,812,500 s at 0.128 GB.
    const c = estimateGameCost({ ...none, activeMs: 7_812_500_000 });
    expect(c.parts.roomDuration).toBeCloseTo(12.5, 6);
  });

  it("adds up every line item for a 2,000-player, 30-question game", () => {
    const usage: GameUsage = {
      workerRequests: 4_001,
      roomRequests: 4_061,
      wsMessagesIn: 60_000,
      activeMs: 15 * 60_000,
      storageRowsWritten: 2_000 + 60_000 + 30 * 2_000 + 120,
      queueMessages: 1,
      d1RowsWritten: 16,
    };
    const c = estimateGameCost(usage);
    const sum = Object.values(c.parts).reduce((a, b) => a + b, 0);
    expect(c.totalUsd).toBeCloseTo(sum, 12);
    // Duration: 900 s × 0.128 GB = 115.2 GB-s → $0.00144. Rows written dominate: 122,120 rows → $0.122.
    expect(c.parts.roomDuration).toBeCloseTo(0.00144, 6);
    expect(c.parts.roomStorage).toBeCloseTo(0.12212, 6);
    expect(c.totalUsd).toBeGreaterThan(0.12);
    expect(c.totalUsd).toBeLessThan(0.13);
  });

  it("never prices negative durations", () => {
    expect(estimateGameCost({ ...none, activeMs: -5000 }).parts.roomDuration).toBe(0);
  });
});
