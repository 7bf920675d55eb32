import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { GameList, GameReport } from "../../worker/protocol";
import { asCsvCells, asXlsxCells, expectedPlayers, expectedQuestions, parseCsv, parseXlsx } from "../shared/report-formats";
import { startDevServer, type DevServer } from "./dev-server";

const state = mkdtempSync(path.join(tmpdir(), "quiz-e2e-reports-"));
const restored = mkdtempSync(path.join(tmpdir(), "quiz-e2e-restored-"));
let server: DevServer | undefined;
afterAll(async () => {
  await server?.stop();
  for (const dir of [state, restored]) rmSync(dir, { recursive: true, force: true });
});

const npm = (stateDir: string, ...args: string[]) => {
  const run = spawnSync("npm", ["run", "--silent", ...args], { encoding: "utf8", timeout: 60_000, env: { ...process.env, QUIZ_STATE_DIR: stateDir } });
  expect(run.status, run.stderr + run.stdout).toBe(0);
  return run.stdout;
};

async function signIn(url: string): Promise<string> {
  // The bots sign in as "Bot Host"; the same name is the same host (sub dev-bot-host).
  const res = await fetch(`${url}/api/auth/dev/sign-in`, { method: "POST", body: JSON.stringify({ name: "Bot Host" }) });
  return ((await res.json()) as { token: string }).token;
}

const get = (url: string, token: string) => fetch(url, { headers: { Authorization: `Bearer ${token}` } });

describe("reports of a game played by the bots", () => {
  let report: GameReport;
  let gameId = "";

  it("lists the game for its host and reports it identically in JSON, CSV and XLSX", async () => {
    server = await startDevServer({ state });
    const run = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "test/load/bots.ts", "--url", server.url,
      "--quiz", "test/fixtures/opentdb-sample.json", "--players", "8", "--questions", "3", "--think-ms", "300"], { encoding: "utf8", timeout: 120_000 });
    expect(run.status, run.stderr).toBe(0);
    const bots = JSON.parse(run.stdout) as { gameId: string; podium: { nickname: string; score: number }[] };
    gameId = bots.gameId;
    const token = await signIn(server.url);

    const list = GameList.parse(await (await get(`${server.url}/api/reports`, token)).json());
    expect(list.games[0]).toMatchObject({ gameId, players: 8, questions: 3, winner: bots.podium[0]!.nickname });

    report = GameReport.parse(await (await get(`${server.url}/api/reports/${gameId}`, token)).json());
    expect(report.players).toHaveLength(8);
    expect(report.players.slice(0, 3).map((p) => ({ nickname: p.nickname, score: p.score }))).toEqual(bots.podium);
    for (const p of report.players) expect(p.points.reduce((s, x) => s + x, 0)).toBe(p.score);
    for (const q of report.questions) expect(q.distribution.reduce((s, x) => s + x, 0)).toBe(q.answered);

    const csv = await parseCsv(await get(`${server.url}/api/reports/${gameId}?format=csv`, token));
    expect(csv.slice(1)).toEqual(asCsvCells(expectedPlayers(report)));
    const csvQ = await parseCsv(await get(`${server.url}/api/reports/${gameId}?format=csv&table=questions`, token));
    expect(csvQ.slice(1)).toEqual(asCsvCells(expectedQuestions(report)));
    const sheets = await parseXlsx(await (await get(`${server.url}/api/reports/${gameId}?format=xlsx`, token)).arrayBuffer());
    const trim = (rows: unknown[][]) => rows.map((r) => { const c = [...r]; while (c.length && c.at(-1) === null) c.pop(); return c; });
    expect(trim(sheets.Players!.slice(1))).toEqual(trim(asXlsxCells(expectedPlayers(report))));
    expect(trim(sheets.Questions!.slice(1))).toEqual(trim(asXlsxCells(expectedQuestions(report))));
  });

  it("still has the report after the dev server restarts on the same state", async () => {
    await server!.stop();
    server = await startDevServer({ state });
    const res = await get(`${server.url}/api/reports/${gameId}`, await signIn(server.url));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(report);
  });

  it("backs D1 up to a file and restores it into an empty database", async () => {
    await server!.stop();
    server = undefined;
    const file = path.join(restored, "backup.sql");
    npm(state, "db:export", "--", file);
    expect(readFileSync(file, "utf8")).toMatch(/INSERT INTO "?games"?/);
    npm(restored, "db:restore", "--", file);
    const out = spawnSync("node_modules/.bin/wrangler", ["d1", "execute", "DB", "--local", "--persist-to", restored, "--json",
      "--command", `SELECT g.players, count(p.part) AS parts FROM games g JOIN game_parts p ON p.game_id = g.id WHERE g.id = '${gameId}'`], { encoding: "utf8" });
    expect(out.status, out.stderr).toBe(0);
    expect(JSON.parse(out.stdout)[0].results).toEqual([{ players: 8, parts: 1 }]);
  });
});
