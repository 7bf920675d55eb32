import { Hono } from "hono";
import type { Host } from "../auth/verify-host";
import type { Env } from "../env";
import { causeOf, log } from "../log";
import { currentLogContext } from "../ops/log-context";
import { countHttpError } from "../ops/http-meter";
import { ApiError } from "./api-error";
import { adminArchiveRoutes } from "./routes/admin-archive";
import { archiveRoutes } from "./routes/archive";
import { authRoutes } from "./routes/auth";
import { gameRoutes } from "./routes/games";
import { healthRoutes } from "./routes/health";
import { meRoutes } from "./routes/me";
import { metricsRoutes } from "./routes/metrics";
import { opsRoutes } from "./routes/ops";
import { playerRoutes } from "./routes/players";
import { quizRoutes } from "./routes/quizzes";
import { reportRoutes } from "./routes/reports";
import { securityHeaders } from "./security-headers";

export type AppEnv = { Bindings: Env; Variables: { host: Host } };

// Tests call the app without an execution context; then the batched report waits for the next error.
const waitUntilOf = (c: { executionCtx: { waitUntil(p: Promise<unknown>): void } }) => {
  try {
    const ctx = c.executionCtx;
    return (p: Promise<unknown>) => ctx.waitUntil(p);
  } catch {
    return undefined;
  }
};

export const app = new Hono<AppEnv>()
  .basePath("/api")
  .use(securityHeaders)
  // One access line per API request (bodies, query strings and headers are never logged).
  .use(async (c, next) => {
    await next();
    if (c.res.status !== 101) log(c.res.status >= 500 ? "error" : "info", "http.request", { method: c.req.method, route: c.req.routePath, status: c.res.status });
  })
  .route("/health", healthRoutes)
  .route("/auth", authRoutes)
  .route("/games", gameRoutes)
  .route("/games", playerRoutes)
  .route("/quizzes", quizRoutes)
  .route("/me", meRoutes)
  .route("/admin/metrics", metricsRoutes)
  .route("/admin/ops", opsRoutes)
  .route("/archive", archiveRoutes)
  .route("/reports", reportRoutes)
  .route("/admin/archive", adminArchiveRoutes)
  .notFound((c) => {
    countHttpError(c.env, "not-found", waitUntilOf(c));
    return c.json(new ApiError("not-found", "No such API route.").body(), 404);
  })
  .onError((err, c) => {
    if (err instanceof ApiError) {
      countHttpError(c.env, err.code, waitUntilOf(c));
      if (err.extra.retryAfterSec) c.header("Retry-After", String(err.extra.retryAfterSec));
      return c.json(err.body(), err.status as 400);
    }
    // The cause goes to the log, never to the client; the request id lets support find the line.
    log("error", "http.unhandled", { method: c.req.method, path: c.req.path, cause: causeOf(err) });
    countHttpError(c.env, "internal", waitUntilOf(c));
    c.header("X-Request-Id", currentLogContext()?.requestId ?? "none");
    return c.json(new ApiError("internal", "Something went wrong on our side.").body(), 500);
  });
