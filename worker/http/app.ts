import { Hono } from "hono";
import type { Host } from "../auth/verify-host";
import type { Env } from "../env";
import { log } from "../log";
import { ApiError } from "./api-error";
import { adminArchiveRoutes } from "./routes/admin-archive";
import { archiveRoutes } from "./routes/archive";
import { authRoutes } from "./routes/auth";
import { gameRoutes } from "./routes/games";
import { meRoutes } from "./routes/me";
import { metricsRoutes } from "./routes/metrics";
import { playerRoutes } from "./routes/players";
import { quizRoutes } from "./routes/quizzes";
import { reportRoutes } from "./routes/reports";
import { securityHeaders } from "./security-headers";

export type AppEnv = { Bindings: Env; Variables: { host: Host } };

export const app = new Hono<AppEnv>()
  .basePath("/api")
  .use(securityHeaders)
  .get("/health", (c) => c.json({ ok: true }))
  .route("/auth", authRoutes)
  .route("/games", gameRoutes)
  .route("/games", playerRoutes)
  .route("/quizzes", quizRoutes)
  .route("/me", meRoutes)
  .route("/admin/metrics", metricsRoutes)
  .route("/archive", archiveRoutes)
  .route("/reports", reportRoutes)
  .route("/admin/archive", adminArchiveRoutes)
  .notFound((c) => c.json(new ApiError("not-found", "No such API route.").body(), 404))
  .onError((err, c) => {
    if (err instanceof ApiError) {
      if (err.extra.retryAfterSec) c.header("Retry-After", String(err.extra.retryAfterSec));
      return c.json(err.body(), err.status as 400);
    }
    log("error", "http.unhandled", { path: c.req.path, cause: String(err) });
    return c.json(new ApiError("internal", "Something went wrong on our side.").body(), 500);
  });
