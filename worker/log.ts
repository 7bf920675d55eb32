import { currentLogContext } from "./ops/log-context";

export type LogLevel = "info" | "warn" | "error";

// Never logged, whatever a caller passes: secrets, personal identifiers and raw addresses.
const REDACTED = new Set(["token", "ticket", "resumeToken", "authorization", "identifier", "ip", "email", "sub", "secret", "apiKey"]);

/** Keeps an IP's network part only (v4: /24, v6: the first 3 groups), so a line never names one client. */
export function maskIp(ip: string): string {
  if (ip.includes(":")) return `${ip.split(":").slice(0, 3).join(":")}::/48`;
  const parts = ip.split(".");
  return parts.length === 4 ? `${parts.slice(0, 3).join(".")}.0/24` : "masked";
}

/**
 * One JSON line per event, so logs can be searched and shipped as they are: `level`, `event`, the
 * invocation's `requestId` and `source`, its PIN and game id when known, then the event's fields.
 */
export function log(level: LogLevel, event: string, fields: Record<string, unknown> = {}): void {
  const ctx = currentLogContext();
  const line: Record<string, unknown> = { level, event, requestId: ctx?.requestId ?? "none", source: ctx?.source ?? "worker" };
  if (ctx?.pin) line.pin = ctx.pin;
  if (ctx?.gameId) line.gameId = ctx.gameId;
  for (const [k, v] of Object.entries(fields)) if (v !== undefined && !REDACTED.has(k)) line[k] = v;
  const text = JSON.stringify(line);
  if (level === "error") console.error(text);
  else if (level === "warn") console.warn(text);
  else console.log(text);
}

/** An error's cause as a short string for a log line: name and message, never a stack. */
export const causeOf = (err: unknown): string =>
  (err instanceof Error ? `${err.name}: ${err.message}` : String(err)).slice(0, 500);
