// Done-criterion of the quiz importers: every importable shared fixture is imported through REST
// (POST /api/quizzes/import, binary for xlsx) and played to the podium by the bots, whose
// consistency checks must hold; the rejected ones fail the import with their message.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALL_TYPES_INPUT } from "../shared/all-types";
import { startDevServer, type DevServer } from "./dev-server";

const FIXTURES = path.resolve(import.meta.dirname, "../../../shared/fixtures/quizzes");

let server: DevServer;
beforeAll(async () => {
  server = await startDevServer();
});
afterAll(async () => {
  await server?.stop();
});

const bots = (file: string, ...args: string[]) =>
  spawnSync(
    process.execPath,
    ["node_modules/tsx/dist/cli.mjs", "test/load/bots.ts", "--url", server.url, "--quiz", file, "--import", "--players", "4", "--think-ms", "300", "--silent-rate", "0", ...args],
    { encoding: "utf8", timeout: 120_000 },
  );

const PLAYABLE: [string, number][] = [
  ["kahoot-xlsx-flow-state-thai.xlsx", 30],
  ["kahoot-xlsx-opentdb-videogames.xlsx", 20],
  ["kahoot-xlsx-java-german.xlsx", 5],
  ["kahoot-xlsx-official-template-example-row.xlsx", 1],
  ["kahoot-csv-python-loops.csv", 30],
  ["opentdb-sample.json", 50],
  ["rahoot-example-official.json", 5],
  ["rahoot-etagi-russian.json", 23],
  ["razzia-curves-and-splines.json", 8],
  ["classquiz-example-quiz-2022.json", 2],
  ["kahoot-api-excerpt-aeds-portuguese.json", 1],
];

describe("every importable fixture plays to the podium with the bots", () => {
  it.each(PLAYABLE)("%s", (name, count) => {
    const questions = Math.min(count, 2);
    const run = bots(path.join(FIXTURES, name), "--questions", String(questions));
    expect(run.status, run.stderr + server.output().slice(-1500)).toBe(0);
    const report = JSON.parse(run.stdout.trim());
    expect(report).toMatchObject({ players: 4, questions, archived: true });
    expect(report.answersAccepted).toBe(report.answersSent);
  });

  it.each([
    ["kahoot-xlsx-not-a-zip-plaintext.xlsx", /not a zip archive/],
    ["rahoot-fork-multilang-solution-array.json", /multi-language Rahoot fork/],
  ])("%s is rejected with a clear message", (name, message) => {
    const run = bots(path.join(FIXTURES, name));
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(message);
  });

  it("plays a quiz with all seven question types (bots answer every type)", () => {
    const file = path.join(tmpdir(), `all-types-${process.pid}.json`);
    writeFileSync(file, JSON.stringify(ALL_TYPES_INPUT));
    const run = bots(file, "--players", "6");
    expect(run.status, run.stderr + server.output().slice(-1500)).toBe(0);
    expect(JSON.parse(run.stdout.trim())).toMatchObject({ players: 6, questions: 7, archived: true });
  });
});
