import preact from "@preact/preset-vite";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

// Builds the web app into dist/web, which wrangler serves as static assets.
export default defineConfig({
  root: "web",
  plugins: [preact()],
  resolve: { alias: { "@protocol": fileURLToPath(new URL("./worker/protocol", import.meta.url)) } },
  build: { outDir: "../dist/web", emptyOutDir: true },
  server: { proxy: { "/api": { target: "http://127.0.0.1:8787", ws: true } } },
});
