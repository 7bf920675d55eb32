import { defineConfig } from "vitest/config";

// Plain Node tests: the pure game rules, the importers, the protocol.
export default defineConfig({
  test: {
    include: ["test/unit/**/*.test.ts"],
    environment: "node",
  },
});
