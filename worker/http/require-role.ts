import { createMiddleware } from "hono/factory";
import { verifyHost, type Host, type Role } from "../auth/verify-host";
import type { AppEnv } from "./app";
import { ApiError } from "./api-error";

/** Routes behind this need a verified token whose cognito:groups include one of `roles`. */
export const requireRole = (...roles: Role[]) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const host = await verifyHost(c.env, c.req.header("Authorization"));
    if (!roles.some((r) => host.roles.includes(r))) throw new ApiError("forbidden", `This needs the ${roles.join(" or ")} role.`);
    c.set("host", host);
    await next();
  });

/** Admins see and end any game; a host only their own. */
export const mayManage = (host: Host, ownerId: string) => host.sub === ownerId || host.roles.includes("admin");
