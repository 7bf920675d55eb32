import { AsyncLocalStorage } from "node:async_hooks";

/** Fields every log line of one invocation carries (request id, PIN, game id, where it runs). */
export interface LogContext {
  requestId: string;
  source: "worker" | "room" | "queue" | "cron" | "ops";
  pin?: string;
  gameId?: string;
}

// One store per isolate; each invocation runs inside its own context, so concurrent requests never mix.
const store = new AsyncLocalStorage<LogContext>();

export const currentLogContext = (): LogContext | undefined => store.getStore();

/** Runs `fn` with `ctx` merged over the current context (inner fields win). */
export function withLogContext<T>(ctx: Partial<LogContext> & Pick<LogContext, "source">, fn: () => T): T {
  const outer = store.getStore();
  return store.run({ requestId: outer?.requestId ?? newRequestId(), ...outer, ...ctx } as LogContext, fn);
}

/** A short random id for invocations that have no `cf-ray` (local runs, alarms, queue batches). */
export const newRequestId = () => crypto.randomUUID().replace(/-/g, "").slice(0, 16);

const RAY = /^[0-9a-f]{16}(-[A-Z]{3})?$/i;

/** Cloudflare's `cf-ray` identifies a request across Cloudflare's logs; anything else gets a fresh id. */
export function requestIdOf(req: Request): string {
  const ray = req.headers.get("cf-ray")?.trim();
  return ray && RAY.test(ray) ? ray : newRequestId();
}
