import { createMiddleware } from "hono/factory";
import { verifyHost } from "../auth/verify-host";
import type { AppEnv } from "./app";

/** Routes behind this need a signed-in host (Cognito, or the dev issuer locally). */
export const requireHost = createMiddleware<AppEnv>(async (c, next) => {
  c.set("host", await verifyHost(c.env, c.req.header("Authorization")));
  await next();
});
