import { describe, expect, it } from "vitest";
import { gameCost, PRICES } from "../../load/bench-cost";

const shape = { players: 2000, questions: 20, secondsPerQuestion: 35, answerRate: 0.9, activeMsPerEvent: 0.5 };
const line = (c: ReturnType<typeof gameCost>, prefix: string) => c.lines.find((l) => l.item.startsWith(prefix))!;

describe("cost model", () => {
  it("bills incoming socket messages at 20:1 as Durable Object requests", () => {
    const c = gameCost(shape);
    const ws = line(c, "incoming WebSocket messages");
    expect(ws.units).toBeCloseTo((36_000 + 43) / 20);
    expect(ws.usd).toBeCloseTo((ws.units / 1e6) * PRICES.doRequestPerM, 10);
  });

  it("adds up its lines, and grows with players and questions", () => {
    const c = gameCost(shape);
    expect(c.totalUsd).toBeCloseTo(c.lines.reduce((a, l) => a + l.usd, 0), 10);
    expect(gameCost({ ...shape, players: 4000 }).totalUsd).toBeGreaterThan(c.totalUsd);
    expect(gameCost({ ...shape, questions: 40 }).totalUsd).toBeGreaterThan(c.totalUsd);
  });

  it("writes one room row per answer and one per changed score", () => {
    expect(line(gameCost(shape), "SQLite rows written").units).toBe(2000 + 36_000 + 2000 * 20 + 6 * 20 + 2000);
  });
});
