import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

// A small `npm run bench`: checks the report's shape and that no answer was lost. The latency
// figures are not checked here (they belong to the benchmark on a quiet machine, not to CI).
const out = mkdtempSync(path.join(tmpdir(), "quiz-bench-test-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const percentiles = { p50: expect.any(Number), p95: expect.any(Number), p99: expect.any(Number), max: expect.any(Number) };

describe("npm run bench", () => {
  it("plays 50 players × 2 questions through Miniflare and the bare baseline, and reports every figure", () => {
    const r = spawnSync(
      "npx",
      ["tsx", "test/load/bench.ts", "--players", "50", "--questions", "2", "--warmup", "0", "--think-ms", "300", "--baseline", "--out", out],
      { encoding: "utf8", timeout: 120_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines).toHaveLength(1); // one JSON object, nothing else on stdout
    const report = JSON.parse(lines[0]!);
    expect(report).toMatchObject({
      date: expect.any(String),
      machine: { cores: expect.any(Number), memoryGb: expect.any(Number) },
      players: 50,
      questions: 2,
      join: { allJoinedMs: expect.any(Number), joinsPerSec: expect.any(Number), joined: 50, errors: [] },
      fanoutMs: percentiles,
      ackMs: percentiles,
      revealToResultMs: percentiles,
      revealToLeaderboardMs: percentiles,
      perPlayerPerQuestion: { messages: expect.any(Number), bytes: expect.any(Number) },
      answers: { sent: 100, acked: 100, counted: 100, lost: 0 },
      server: { path: expect.stringContaining("miniflare"), cpuSec: expect.any(Number), peakRssMb: expect.any(Number) },
      client: { cpuSec: expect.any(Number), peakRssMb: expect.any(Number) },
      baseline: { players: 50, fanoutMs: percentiles, answers: { lost: 0 } },
      fanoutVsBaseline: { p50: expect.any(Number), p99: expect.any(Number) },
      targets: { noLostAnswer: true },
      problems: [],
      consistent: true,
    });
    expect(report.fanoutMs.p50).toBeGreaterThan(0);
    expect(report.server.peakRssMb).toBeGreaterThan(0);
    // Every player got each question, open, ack, reveal, result and leaderboard at least.
    expect(report.perPlayerPerQuestion.messages).toBeGreaterThanOrEqual(6);
    const files = readdirSync(out);
    expect(files).toHaveLength(1);
    expect(JSON.parse(readFileSync(path.join(out, files[0]!), "utf8"))).toEqual(report);
  });
});
