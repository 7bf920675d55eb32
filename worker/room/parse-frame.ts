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
  const answer = asAnswer(json);
  if (answer) return { ok: true, frame: answer };
  const res = ClientFrame.safeParse(json);
  if (res.success) return { ok: true, frame: res.data };
  if (typeof json === "object" && json !== null && "v" in json && json.v !== PROTOCOL_VERSION)
    return fail("unsupported-version", `This server speaks protocol version ${PROTOCOL_VERSION}.`);
  const issue = res.error.issues[0];
  const where = issue?.path.length ? ` at ${issue.path.join(".")}` : "";
  return fail("bad-frame", `Invalid frame${where}: ${issue?.message ?? "unknown shape"}.`);
}

type AnswerFrame = Extract<ClientFrame, { type: "answer" }>;
const ANSWER_KEYS = 5;

/**
 * The answer frame, checked by hand: it is most of the traffic (a burst of N at each question) and
 * schema parsing was a visible share of its cost. Accepts exactly what `ClientFrame` accepts for an
 * answer with no extra keys; anything else, valid or not, goes through the schema.
 */
function asAnswer(json: unknown): AnswerFrame | null {
  if (typeof json !== "object" || json === null) return null;
  const f = json as Record<string, unknown>;
  if (f.type !== "answer" || f.v !== PROTOCOL_VERSION) return null;
  const { question, choice, answerId } = f;
  if (!Number.isSafeInteger(question) || (question as number) < 0) return null;
  if (!Number.isSafeInteger(choice) || (choice as number) < 0) return null;
  if (typeof answerId !== "string" || answerId.length < 1 || answerId.length > 64) return null;
  if (Object.keys(f).length !== ANSWER_KEYS) return null;
  return { v: PROTOCOL_VERSION, type: "answer", question: question as number, choice: choice as number, answerId };
}
