// Nothing left behind: a room that ends and cleans itself up leaves no rows, key-value entries or
// alarm in its storage, read back by workerd after the dev server stopped (the soak's check, small).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { CreateGameResponse } from "../../worker/protocol";
import { playGame } from "../load/bot-game";
import { post } from "../load/chaos-game";
import { inspectRooms } from "../load/room-storage";
import { startDevServer } from "./dev-server";

const state = mkdtempSync(path.join(tmpdir(), "quiz-e2e-cleanup-"));
afterAll(() => rmSync(state, { recursive: true, force: true }));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("room storage after the cleanup", () => {
  it("is empty for a played and cleaned-up game, and still holds a game that is not over", async () => {
    const server = await startDevServer({ state, vars: { JOINS_PER_IP_PER_MINUTE: "100000", IDLE_CLEANUP_SEC: "2" } });
    let open: CreateGameResponse;
    try {
      const quiz = JSON.parse(readFileSync("test/fixtures/opentdb-sample.json", "utf8")) as { results: unknown[] };
      const played = await playGame({ url: server.url, quiz: { ...quiz, results: quiz.results.slice(0, 2) }, players: 4, thinkMs: 200, silentRate: 0, joinConcurrency: 4 });
      expect(played.archived).toBe(true);
      let status = 0;
      for (let i = 0; i < 60 && status !== 404; i++) {
        await sleep(250);
        status = (await fetch(`${server.url}/api/games/${played.pin}`)).status;
      }
      expect(status).toBe(404);
      // A game created just before the stop: its room must still hold it (and its watchdog alarm).
      const { token } = await post<{ token: string }>(`${server.url}/api/auth/dev/sign-in`, { name: "Cleanup Host" });
      open = await post<CreateGameResponse>(`${server.url}/api/games`, { quiz }, token);
    } finally {
      await server.stop();
    }
    const stored = await inspectRooms(state);
    expect(stored.rooms).toBe(2);
    expect(stored.notEmpty).toHaveLength(1);
    const [left] = stored.notEmpty;
    expect(left!.rows.game).toBe(1);
    expect(left!.alarm).not.toBeNull();
    expect(open!.pin).toMatch(/^\d+$/);
  }, 120_000);
});
