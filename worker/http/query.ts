import type { Context } from "hono";
import type { z } from "zod";
import { ApiError } from "./api-error";
import { fieldErrors } from "./validate";

/** Validates the query string; anything else is a 400 naming the failing parameters. */
export function readQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  const res = schema.safeParse(c.req.query());
  if (!res.success) throw new ApiError("bad-request", "The query string is invalid.", fieldErrors(res.error));
  return res.data;
}
