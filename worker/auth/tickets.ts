import { SignJWT, jwtVerify, errors } from "jose";
import { isDevelopment, type Env } from "../env";

/** Socket tickets live 60 s: long enough to open a socket, short enough to be useless if leaked. */
export const TICKET_TTL_SEC = 60;
export const RESUME_TTL_SEC = 12 * 3600;

export type Ticket =
  | { kind: "socket"; pin: string; gameId: string; role: "host"; sub: string }
  | { kind: "socket"; pin: string; gameId: string; role: "player"; playerId: string }
  | { kind: "resume"; pin: string; gameId: string; playerId: string };

let ephemeral: Uint8Array | undefined;

/** The ticket key. In development without a configured secret a per-isolate random one is used. */
function key(env: Env): Uint8Array {
  if (env.TICKET_SECRET) {
    // A short secret is guessable offline from any ticket; refuse it rather than sign with it.
    if (env.TICKET_SECRET.length < 32 && !isDevelopment(env)) throw new Error("TICKET_SECRET must be at least 32 characters");
    return new TextEncoder().encode(env.TICKET_SECRET);
  }
  if (!isDevelopment(env)) throw new Error("TICKET_SECRET is not set");
  ephemeral ??= crypto.getRandomValues(new Uint8Array(32));
  return ephemeral;
}

export async function signTicket(env: Env, t: Ticket): Promise<string> {
  return new SignJWT({ ...t })
    .setProtectedHeader({ alg: "HS256" })
    .setIssuedAt()
    .setAudience(`quiz:${t.kind}`)
    .setExpirationTime(`${t.kind === "resume" ? RESUME_TTL_SEC : TICKET_TTL_SEC}s`)
    .sign(key(env));
}

/** Returns the ticket, or null when it is forged, expired, or of another kind. */
export async function verifyTicket<K extends Ticket["kind"]>(
  env: Env,
  token: string,
  kind: K,
): Promise<Extract<Ticket, { kind: K }> | null> {
  try {
    const { payload } = await jwtVerify(token, key(env), { algorithms: ["HS256"], audience: `quiz:${kind}` });
    return payload.kind === kind ? (payload as unknown as Extract<Ticket, { kind: K }>) : null;
  } catch (err) {
    if (err instanceof errors.JOSEError) return null;
    throw err;
  }
}
