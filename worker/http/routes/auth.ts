import { Hono } from "hono";
import { DevSignInRequest } from "../../protocol";
import { devJwks, signDevToken } from "../../auth/dev-issuer";
import { devIssuerAllowed } from "../../auth/issuer-config";
import type { AppEnv } from "../app";
import { ApiError } from "../api-error";
import { readBody } from "../validate";
import { requireHost } from "../host";

export const authRoutes = new Hono<AppEnv>()
  // Local sign-in for development: issues a Cognito-shaped ID token from the dev issuer.
  .post("/dev/sign-in", async (c) => {
    // Off unless AUTH_MODE=dev and ENVIRONMENT=development: production settings never mint tokens.
    if (!devIssuerAllowed(c.env)) throw new ApiError("not-found", "Dev sign-in is off.");
    const body = await readBody(c, DevSignInRequest);
    return c.json(await signDevToken(c.env, body.name, body.groups));
  })
  .get("/dev/.well-known/jwks.json", async (c) => {
    if (!devIssuerAllowed(c.env)) throw new ApiError("not-found", "Dev sign-in is off.");
    return c.json(await devJwks(c.env));
  })
  .get("/me", requireHost, (c) => c.json(c.get("host")));
