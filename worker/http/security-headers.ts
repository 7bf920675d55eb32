import { createMiddleware } from "hono/factory";
import { secureHeaders } from "hono/secure-headers";
import type { AppEnv } from "./app";

/** HSTS for a year, on every API answer (the web app gets its own from web/public/_headers). */
export const HSTS = "max-age=31536000; includeSubDomains";

// API answers are JSON, never documents: nothing may load or frame them.
const apiHeaders = secureHeaders({
  strictTransportSecurity: HSTS,
  contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
  xFrameOptions: "DENY",
});

/** Skips WebSocket upgrades: the 101 comes from the room as it is. No CORS headers are ever added. */
export const securityHeaders = createMiddleware<AppEnv>(async (c, next) =>
  c.req.header("Upgrade") ? next() : apiHeaders(c, next),
);
