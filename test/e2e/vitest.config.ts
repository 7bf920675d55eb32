import { defineConfig } from "vitest/config";

// Against the real `npm run dev` server (wrangler dev), started by the tests themselves.
export default defineConfig({
  test: {
    include: ["test/e2e/**/*.test.ts"],
    environment: "node",
    testTimeout: 180_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
