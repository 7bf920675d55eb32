import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { parse } from "smol-toml";
import { defineConfig } from "vitest/config";

const root = path.resolve(import.meta.dirname, "../..");

// Workerd tests: the real Worker, GameRoom, queue and D1, through real sockets.
export default defineConfig(async () => {
  // wrangler refuses a config whose assets directory is missing.
  fs.mkdirSync(path.join(root, "dist/web"), { recursive: true });
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  // wrangler also reads a developer's .dev.vars (npm run dev writes one with looser local limits);
  // restating wrangler.toml's [vars] as bindings makes the tests see the same values everywhere.
  const vars = (parse(fs.readFileSync(path.join(root, "wrangler.toml"), "utf8")) as { vars: Record<string, string> }).vars;
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: path.join(root, "wrangler.toml") },
        miniflare: {
          bindings: {
            ...vars,
            TEST_MIGRATIONS: await readD1Migrations(path.join(root, "migrations")),
            // What `npm run dev` puts in .dev.vars: wrangler.toml itself holds production settings.
            ENVIRONMENT: "development",
            AUTH_MODE: "dev",
            TICKET_SECRET: randomBytes(32).toString("hex"),
            DEV_SIGNING_KEY: JSON.stringify({ ...privateKey.export({ format: "jwk" }), kid: "test" }),
          },
          // Replaces wrangler.toml's consumer entry as a whole, so retries and the DLQ are repeated here.
          queueConsumers: {
            "quiz-archive": { maxBatchTimeout: 0.05, maxRetries: 2, deadLetterQueue: "quiz-archive-dlq" },
            "quiz-archive-dlq": { maxBatchTimeout: 0.05, maxRetries: 2 },
          },
        },
      }),
    ],
    test: {
      name: "worker",
      root,
      include: ["test/worker/**/*.test.ts"],
      setupFiles: ["./test/worker/apply-migrations.ts"],
      testTimeout: 20_000,
      // obscenity ships CommonJS behind an ESM wrapper; pre-bundling gives workerd one ESM module.
      deps: { optimizer: { ssr: { enabled: true, include: ["obscenity"] } } },
      // Keep warnings and errors; the info lines of every game would bury the results.
      // The fuzz test's thousand expected `room.bad-frame` warnings too (it checks every error frame itself).
      onConsoleLog: (line: string) => !line.startsWith('{"level":"info"') && !line.includes('"event":"room.bad-frame"'),
    },
  };
});
