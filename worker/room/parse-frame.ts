import { ClientFrame, MAX_CLIENT_FRAME_BYTES, PROTOCOL_VERSION } from "../protocol";
import type { Rejection } from "../game/events";

export type Parsed = { ok: true; frame: ClientFrame } | { ok: false; rejection: Rejection };

const fail = (code: Rejection["code"], message: string): Parsed => ({ ok: false, rejection: { code, message } });

/** Parses one client frame. Whatever arrives, the answer is a frame or a typed rejection. */
export function parseClientFrame(message: string | ArrayBuffer): Parsed {
  if (typeof message !== "string") return fail("bad-frame", "Binary frames are not accepted; send JSON text.");
  // A UTF-16 length over the limit is certainly over it in UTF-8 bytes too (cheap check first).
  // Encoding is needed only when the string could be over: a UTF-16 unit is at most 3 UTF-8 bytes.
  if (
    message.length > MAX_CLIENT_FRAME_BYTES ||
    (message.length * 3 > MAX_CLIENT_FRAME_BYTES && new TextEncoder().encode(message).byteLength > MAX_CLIENT_FRAME_BYTES)
  )
    return fail("too-large", `Frames are limited to ${MAX_CLIENT_FRAME_BYTES} bytes.`);
  let json: unknown;
  try {
    json = JSON.parse(message);
  } catch {
    return fail("bad-frame", "Frame is not valid JSON.");
  }
  const res = ClientFrame.safeParse(json);
  if (res.success) return { ok: true, frame: res.data };
  if (typeof json === "object" && json !== null && "v" in json && json.v !== PROTOCOL_VERSION)
    return fail("unsupported-version", `This server speaks protocol version ${PROTOCOL_VERSION}.`);
  const issue = res.error.issues[0];
  const where = issue?.path.length ? ` at ${issue.path.join(".")}` : "";
  return fail("bad-frame", `Invalid frame${where}: ${issue?.message ?? "unknown shape"}.`);
}
