import { createMiddleware } from "hono/factory";
import type { AppEnv } from "./app";
import { ApiError } from "./api-error";
import { requireHost } from "./host";

/** Routes behind this need a signed-in host in the `admin` group. */
export const requireAdmin = createMiddleware<AppEnv>(async (c, next) =>
  requireHost(c, async () => {
    if (!c.get("host").roles.includes("admin")) throw new ApiError("forbidden", "Only admins may do this.");
    await next();
  }),
);
