// Reliability against the real dev server: a restart in the middle of a question (same state folder,
// same port) that players and host come back from by themselves, then a short chaos run.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { GameReport, GameResult, type CreateGameResponse, type JoinResponse } from "../../worker/protocol";
import { chaosQuiz, checkInvariants, HostSocket, post } from "../load/chaos-game";
import { ChaosPlayer } from "../load/chaos-player";
import { startDevServer, type DevServer } from "./dev-server";

const state = mkdtempSync(path.join(tmpdir(), "quiz-e2e-restart-"));
const vars = { JOINS_PER_IP_PER_MINUTE: "100000" };
let server: DevServer | undefined;
afterAll(async () => {
  await server?.stop();
  rmSync(state, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("the dev server under faults", () => {
  it("resumes a game after a restart mid-question: same question and deadline, answers kept, clients back on their own", async () => {
    server = await startDevServer({ state, vars });
    const base = server.url;
    const { token } = await post<{ token: string }>(`${base}/api/auth/dev/sign-in`, { name: "Restart Host" });
    const game = await post<CreateGameResponse>(`${base}/api/games`, { quiz: chaosQuiz("g1", 1), settings: { previewSec: 0 } }, token);
    const wsUrl = (ticket: string) => `${base.replace(/^http/, "ws")}/api/games/${game.pin}/ws?ticket=${encodeURIComponent(ticket)}`;
    let host = await HostSocket.open(wsUrl(game.hostTicket));
    const players: ChaosPlayer[] = [];
    for (let i = 0; i < 8; i++) {
      const join = await post<JoinResponse>(`${base}/api/games/${game.pin}/join`, { nickname: `g1-${i + 1}` });
      // No chaos of their own: the server's restart is the fault. Answers trickle in over 5 s.
      const p = new ChaosPlayer(base, game.pin, "g1", join, { drop: 0, sleep: 0, misbehave: 0 }, 5000);
      await p.start();
      players.push(p);
    }
    host.send("start");
    const open = await host.wait("open", 10_000);
    await sleep(1500);
    const before = players.filter((p) => p.ledger.confirmed.has(0)).length;

    await server.stop();
    server = await startDevServer({ state, port: server.port, vars });

    // The host reconnects with a fresh ticket and finds the same question with the same deadline.
    const { ticket } = await post<{ ticket: string }>(`${base}/api/games/${game.pin}/host-ticket`, {}, token);
    host = await HostSocket.open(wsUrl(ticket));
    const snap = await host.wait("snapshot", 10_000);
    expect(snap).toMatchObject({ phase: "answering", question: { index: 0 }, clock: { endsAt: open.clock.endsAt } });
    expect(snap.answered).toBeGreaterThanOrEqual(before);

    // The players resume by themselves (resume route, backoff) and everyone's answer gets in: the
    // first players back do not close the question for the others (restart grace), and it still
    // closes early.
    const reveal = await host.wait("reveal", 25_000, (f) => f.reveal.index === 0);
    expect(reveal.reveal.answered).toBe(8);
    expect(Date.now()).toBeLessThan(open.clock.endsAt!);
    host.send("next");
    await host.wait("leaderboard", 10_000);
    host.send("next");
    await host.wait("podium", 10_000);
    host.send("end");
    await host.wait("ended", 10_000);
    players.forEach((p) => p.stop());
    host.ws.close(1000);

    const get = (p: string) => fetch(`${base}${p}`, { headers: { Authorization: `Bearer ${token}` } });
    let report: GameReport | null = null;
    for (let i = 0; i < 40 && !report; i++) {
      const res = await get(`/api/reports/${game.gameId}`);
      if (res.ok) report = GameReport.parse(await res.json());
      else await sleep(250);
    }
    const results = ((await (await get("/api/me/export")).json()) as { games: unknown[] }).games.map((g) => GameResult.parse(g));
    const mine = results.filter((r) => r.gameId === game.gameId);
    expect(mine).toHaveLength(1);
    expect(checkInvariants("g1", players, report!, mine[0]!, new Map([[0, 8]]), 1)).toEqual([]);
    expect(players.reduce((n, p) => n + p.ledger.reconnects, 0)).toBeGreaterThanOrEqual(8);
  });

  it("passes a short chaos run: two games at once, players dropping, resending and misbehaving", () => {
    const run = spawnSync(
      process.execPath,
      ["node_modules/tsx/dist/cli.mjs", "test/load/chaos.ts", "--url", server!.url, "--players", "20", "--games", "2", "--questions", "2",
        "--think-ms", "600", "--linger-ms", "300", "--drop", "0.15", "--sleep", "0.05", "--misbehave", "0.2"],
      { encoding: "utf8", timeout: 120_000 },
    );
    expect(run.status, run.stderr + server!.output().slice(-2000)).toBe(0);
    const summary = JSON.parse(run.stdout) as { breaches: number; answersConfirmed: number; answersStored: number; reconnects: number };
    expect(summary.breaches).toBe(0);
    expect(summary.answersConfirmed).toBeGreaterThan(0);
    expect(summary.answersStored).toBeGreaterThanOrEqual(summary.answersConfirmed);
    expect(summary.reconnects).toBeGreaterThan(0);
  });
});
