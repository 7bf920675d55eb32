import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { D1Sink } from "../../worker/archive/d1-sink";
import { GameList, GameReport } from "../../worker/protocol";
import { api, lobby, signIn } from "./client";
import { asCsvCells, asXlsxCells, expectedPlayers, expectedQuestions, parseCsv, parseXlsx } from "../shared/report-formats";
import { syntheticResult } from "./synthetic-result";

const answer = (question: number, choice: number, answerId: string) => ({ type: "answer" as const, question, choice, answerId });
const hostSub = async (token: string) => ((await (await api("/api/auth/me", { token })).json()) as { sub: string }).sub;

async function report(gameId: string, token: string): Promise<GameReport> {
  const res = await api(`/api/reports/${gameId}`, { token });
  expect(res.status).toBe(200);
  return GameReport.parse(await res.json());
}

/** Checks the CSV tables and the XLSX sheets against the JSON report, cell by cell. */
async function expectExportsMatch(gameId: string, token: string, r: GameReport) {
  const csv = await api(`/api/reports/${gameId}?format=csv`, { token });
  expect(csv.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
  expect(csv.headers.get("Content-Disposition")).toMatch(/^attachment; filename="quiz-\d{6}-\d{4}-\d\d-\d\d-players\.csv"$/);
  const players = await parseCsv(csv);
  expect(players[0]!.slice(0, 8)).toEqual(["Rank", "Nickname", "Identifier", "Team", "Score", "Correct", "Answered", "Avg response ms"]);
  expect(players.slice(1)).toEqual(asCsvCells(expectedPlayers(r)));
  const questions = await parseCsv(await api(`/api/reports/${gameId}?format=csv&table=questions`, { token }));
  expect(questions.slice(1)).toEqual(asCsvCells(expectedQuestions(r)));

  const xlsx = await api(`/api/reports/${gameId}?format=xlsx`, { token });
  expect(xlsx.status).toBe(200);
  expect(xlsx.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  const sheets = await parseXlsx(await xlsx.arrayBuffer());
  expect(Object.keys(sheets)).toEqual(["Players", "Questions"]);
  const trim = (rows: unknown[][]) => rows.map((row) => { const r = [...row]; while (r.length && r.at(-1) === null) r.pop(); return r; });
  expect(trim(sheets.Players!.slice(1))).toEqual(trim(asXlsxCells(expectedPlayers(r))));
  expect(trim(sheets.Questions!.slice(1))).toEqual(trim(asXlsxCells(expectedQuestions(r))));
}

describe("reports", () => {
  it("reports a played game in JSON, CSV and XLSX, and lists it for its host", async () => {
    const { token, game, host, players } = await lobby(3);
    const [a, b, c] = players.map((p) => p.socket);
    host.send({ type: "start" });
    for (const q of [0, 1]) {
      await a!.next("open");
      a!.send(answer(q, 0, `a${q}`)); // right twice
      b!.send(answer(q, 1, `b${q}`)); // wrong twice
      if (q === 0) c!.send(answer(q, 0, `c${q}`)); // right once, then silent
      await a!.next("ack");
      await b!.next("ack");
      if (q === 1) host.send({ type: "next" }); // close the question without Player 3's answer
      await a!.next("reveal");
      host.send({ type: "next" });
      await host.next("leaderboard");
      host.send({ type: "next" });
    }
    await host.next("podium");
    await vi.waitUntil(() => env.DB.prepare("SELECT 1 FROM games WHERE id = ?").bind(game.gameId).first(), { timeout: 5000, interval: 50 });

    const r = await report(game.gameId, token);
    expect(r.players.map((p) => [p.nickname, p.rank, p.correct, p.answered])).toEqual([
      ["Player 1", 1, 2, 2],
      ["Player 3", 2, 1, 1],
      ["Player 2", 3, 0, 2],
    ]);
    for (const p of r.players) expect(p.points.reduce((s, x) => s + x, 0)).toBe(p.score);
    expect(r.players[2]!.points).toEqual([0, 0]);
    expect(r.players[0]!.avgResponseMs).toBeGreaterThanOrEqual(0);
    expect(r.questions.map((q) => [q.percentCorrect, q.answered, q.distribution])).toEqual([
      [66.7, 3, [2, 1, 0, 0]],
      [33.3, 2, [1, 1, 0, 0]],
    ]);
    expect(r.difficult).toEqual([1, 0]);
    await expectExportsMatch(game.gameId, token, r);

    const list = GameList.parse(await (await api("/api/reports", { token })).json());
    expect(list.games[0]).toMatchObject({ gameId: game.gameId, pin: game.pin, title: "Test quiz", players: 3, questions: 2, winner: "Player 1" });
  });

  it("a game the host ends mid-question counts the answers already given, in the frames and the report alike", async () => {
    const { token, game, host, players } = await lobby(3);
    const [a, b] = players.map((p) => p.socket);
    host.send({ type: "start" });
    await a!.next("open");
    a!.send(answer(0, 0, "a0")); // right
    b!.send(answer(0, 1, "b0")); // wrong; Player 3 never answers
    await a!.next("ack");
    await b!.next("ack");
    host.send({ type: "end" });
    const final = await a!.next("final");
    expect(final).toMatchObject({ rank: 1, total: 3 });
    expect(final.score).toBeGreaterThan(0);
    await vi.waitUntil(() => env.DB.prepare("SELECT 1 FROM games WHERE id = ?").bind(game.gameId).first(), { timeout: 5000, interval: 50 });
    const r = await report(game.gameId, token);
    for (const p of r.players) expect(p.points.reduce((sum, x) => sum + x, 0), p.nickname).toBe(p.score);
    expect(r.players[0]).toMatchObject({ nickname: "Player 1", rank: 1, score: final.score, correct: 1, answered: 1 });
  });

  it("quotes and guards tricky text in CSV and keeps it verbatim in XLSX", async () => {
    const token = await signIn("Tricky Host");
    const names = ["=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", 'Bob, "the" builder', "Zoë 👩‍🚀", "plain"];
    const r = syntheticResult(names.length, 2, { hostId: await hostSub(token), nickname: (i) => names[i]! });
    r.quiz.questions[0]!.text = "Line one\nline two, with \"quotes\"";
    await new D1Sink(env.DB).write(r);
    const rep = await report(r.gameId, token);
    const csv = await parseCsv(await api(`/api/reports/${r.gameId}?format=csv`, { token }));
    const nickCol = csv.slice(1).map((row) => row[1]);
    expect(nickCol).toEqual(expect.arrayContaining(["'=HYPERLINK(\"http://x\")", "'+1", "'-2", "'@SUM(A1)", 'Bob, "the" builder', "Zoë 👩‍🚀"]));
    await expectExportsMatch(r.gameId, token, rep);
    const sheets = await parseXlsx(await (await api(`/api/reports/${r.gameId}?format=xlsx`, { token })).arrayBuffer());
    expect(sheets.Players!.slice(1).map((row) => row[1])).toEqual(expect.arrayContaining(names));
  });

  it("shows a report only to its host and admins, and refuses bad queries with typed errors", async () => {
    const owner = await signIn("Report Owner");
    const r = syntheticResult(2, 1, { hostId: await hostSub(owner) });
    await new D1Sink(env.DB).write(r);
    expect((await api(`/api/reports/${r.gameId}`)).status).toBe(401);
    const other = await api(`/api/reports/${r.gameId}`, { token: await signIn("Someone Else") });
    expect(other.status).toBe(404);
    expect(await other.json()).toMatchObject({ error: { code: "not-found" } });
    expect((await api(`/api/reports/${r.gameId}`, { token: await signIn("An Admin", ["admin"]) })).status).toBe(200);
    const bad = await api(`/api/reports/${r.gameId}?format=pdf`, { token: owner });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "bad-request", fields: [{ path: "format" }] } });
    expect((await api(`/api/reports/${crypto.randomUUID()}`, { token: owner })).status).toBe(404);
    expect((await api("/api/reports?limit=0", { token: owner })).status).toBe(400);
    expect((await api("/api/reports?cursor=drop%20table", { token: owner })).status).toBe(400);
  });

  it("pages through a host's games, newest first", async () => {
    const token = await signIn("Busy Host");
    const sub = await hostSub(token);
    const results = [0, 1, 2].map(() => syntheticResult(2, 1, { hostId: sub }));
    results.forEach((r, i) => (r.endedAt += i * 60_000));
    for (const r of results) await new D1Sink(env.DB).write(r);
    const first = GameList.parse(await (await api("/api/reports?limit=2", { token })).json());
    expect(first.games.map((g) => g.gameId)).toEqual([results[2]!.gameId, results[1]!.gameId]);
    const second = GameList.parse(await (await api(`/api/reports?limit=2&cursor=${first.next}`, { token })).json());
    expect(second).toEqual({ games: [expect.objectContaining({ gameId: results[0]!.gameId })], next: null });
  });

  it("builds the report of a 2,000-player, 30-question game in every format", async () => {
    const token = await signIn("Big Host");
    const r = syntheticResult(2000, 30, { hostId: await hostSub(token) });
    await new D1Sink(env.DB).write(r);
    const timed = async (format: string) => {
      const t0 = Date.now();
      const res = await api(`/api/reports/${r.gameId}?format=${format}`, { token });
      const bytes = (await res.arrayBuffer()).byteLength;
      return { format, status: res.status, ms: Date.now() - t0, bytes };
    };
    const runs = [await timed("json"), await timed("csv"), await timed("xlsx")];
    for (const run of runs) expect(run.status).toBe(200);
    // A zip (XLSX) file; its cells are compared with the JSON in the smaller tests (this parser needs Web Workers for big files).
    const xlsx = new Uint8Array(await (await api(`/api/reports/${r.gameId}?format=xlsx`, { token })).arrayBuffer());
    expect([...xlsx.slice(0, 2)]).toEqual([0x50, 0x4b]);
    console.warn(JSON.stringify({ measured: "report 2000x30", runs }));
  });
});
