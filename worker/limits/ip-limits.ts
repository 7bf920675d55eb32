import type { Env } from "../env";
import { ApiError } from "../http/api-error";
import { log, maskIp } from "../log";
import { clientKey } from "./client-ip";
import { limitsOf } from "./config";
import type { LimitRequest } from "./ip-limiter";
import { perMinute } from "./token-bucket";

const limiter = (env: Env, key: string) => env.IP_LIMITER.get(env.IP_LIMITER.idFromName(key));
const joinRate = (env: Env) => perMinute(limitsOf(env).JOINS_PER_IP_PER_MINUTE);
const wrongPinRate = (env: Env) => perMinute(limitsOf(env).WRONG_PINS_PER_IP_PER_MINUTE);

async function enforce(env: Env, req: Request, requests: LimitRequest[], what: string): Promise<void> {
  const key = clientKey(req);
  const waitMs = await limiter(env, key).take(requests);
  if (waitMs === 0) return;
  const retryAfterSec = Math.max(1, Math.ceil(waitMs / 1000));
  // The network, not the address: enough to spot an abusive range without logging who it is.
  log("warn", "limit.ip", { network: maskIp(key), what, retryAfterSec });
  throw new ApiError("rate-limited", `Too many ${what} from your network; try again in ${retryAfterSec} s.`, undefined, { retryAfterSec });
}

/**
 * Before a PIN lookup: refuses a client that has used up its wrong guesses, before it learns
 * whether this PIN exists (otherwise a 429 would itself tell wrong PINs from right ones).
 */
export const checkPinGuesses = (env: Env, req: Request) =>
  enforce(env, req, [{ kind: "wrong-pin", rate: wrongPinRate(env), cost: 0 }], "wrong PINs");

/** Before a join: the same guess check, and one join counted. */
export const checkJoin = (env: Env, req: Request) =>
  enforce(env, req, [{ kind: "wrong-pin", rate: wrongPinRate(env), cost: 0 }, { kind: "join", rate: joinRate(env), cost: 1 }], "joins");

/** After a lookup found no game: counts one wrong guess (never refuses: the answer is already 404). */
export async function recordWrongPin(env: Env, req: Request): Promise<void> {
  await limiter(env, clientKey(req)).take([{ kind: "wrong-pin", rate: wrongPinRate(env), cost: 1 }]);
}
