#!/usr/bin/env node
// Local D1 backup and restore: `npm run db:export -- <file.sql>`, `npm run db:restore -- <file.sql>`.
// Uses the state folder of `npm run dev` (.wrangler/state, or QUIZ_STATE_DIR when set).
// `wrangler d1 export` has no --persist-to, so for another state folder it runs against a minimal
// config placed in a temp dir whose .wrangler/state points at that folder.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const [cmd, file] = process.argv.slice(2);
if (!["export", "restore"].includes(cmd) || !file) {
  console.error("usage: node scripts/d1-backup.mjs export|restore <file.sql>");
  process.exit(2);
}
const wrangler = new URL("../node_modules/.bin/wrangler", import.meta.url).pathname;
const state = process.env.QUIZ_STATE_DIR ? path.resolve(process.env.QUIZ_STATE_DIR) : null;
const env = { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true" };
const run = (args) => spawnSync(wrangler, args, { stdio: "inherit", env }).status ?? 1;

let status;
if (cmd === "restore") {
  // Restore into an empty database: the dump holds CREATE TABLE statements (and the migrations table).
  status = run(["d1", "execute", "DB", "--local", "--yes", "--file", path.resolve(file), ...(state ? ["--persist-to", state] : [])]);
} else if (!state) {
  status = run(["d1", "export", "DB", "--local", "--output", path.resolve(file)]);
} else {
  const dir = mkdtempSync(path.join(tmpdir(), "quiz-d1-export-"));
  try {
    // Same binding, name and id as wrangler.toml: the local database file is keyed by the id.
    writeFileSync(
      path.join(dir, "wrangler.json"),
      JSON.stringify({ name: "quiz-live", compatibility_date: "2026-04-26", d1_databases: [{ binding: "DB", database_name: "quiz-archive", database_id: "00000000-0000-0000-0000-000000000000" }] }),
    );
    mkdirSync(path.join(dir, ".wrangler"));
    symlinkSync(state, path.join(dir, ".wrangler", "state"), "dir");
    status = run(["d1", "export", "DB", "--local", "--config", path.join(dir, "wrangler.json"), "--output", path.resolve(file)]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
process.exit(status);
