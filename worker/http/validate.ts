import type { Context } from "hono";
import type { z } from "zod";
import { ApiError } from "./api-error";

/** Maps zod issues to `{path, message}` with dotted paths ("quiz.questions.3.text"). */
export const fieldErrors = (error: z.ZodError) =>
  error.issues.slice(0, 50).map((i) => ({ path: i.path.join(".") || "(body)", message: i.message }));

/** Reads and validates a JSON body; anything else is a 400 naming the failing fields. */
export async function readBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const raw = await readJson(c);
  const res = schema.safeParse(raw);
  if (!res.success) throw new ApiError("bad-request", "The request body is invalid.", fieldErrors(res.error));
  return res.data;
}

/** Largest body read, in characters (a 100-question quiz is well under 200 KB). */
export const MAX_BODY_CHARS = 2_000_000;

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

export async function readJson(c: Context): Promise<unknown> {
  let text: string;
  try {
    // Fatal decoding: broken bytes are refused, never turned into U+FFFD inside a nickname.
    text = utf8.decode(await c.req.arrayBuffer());
  } catch {
    throw new ApiError("bad-request", "The request body is not valid UTF-8.");
  }
  if (text.length > MAX_BODY_CHARS) throw new ApiError("bad-request", `Body is longer than ${MAX_BODY_CHARS} characters.`);
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError("bad-request", "The request body is not valid JSON.");
  }
}
