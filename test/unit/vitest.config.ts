import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Plain Node tests: the pure game rules, the importers, the protocol.
export default defineConfig({
  resolve: { alias: { "@protocol": fileURLToPath(new URL("../../worker/protocol", import.meta.url)) } },
  test: {
    include: ["test/unit/**/*.test.ts"],
    environment: "node",
  },
});
