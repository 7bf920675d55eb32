// `npm run chaos -- --players 300 --games 3`: several games at once on one server, with players
// that drop and resume, resend, answer late or for the wrong question, and send host commands.
// Prints one line of JSON; exits 1 on any breached invariant (2 on a crash or timeout).
// Without --url it starts its own dev server (fresh state, join limit raised for the run).
import { parseArgs } from "node:util";
import { startDevServer, type DevServer } from "./dev-server";
import { playChaosGame } from "./chaos-game";

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    players: { type: "string", default: "300" },
    games: { type: "string", default: "3" },
    questions: { type: "string", default: "5" },
    "think-ms": { type: "string", default: "1500" },
    "linger-ms": { type: "string", default: "1000" },
    drop: { type: "string", default: "0.07" },
    sleep: { type: "string", default: "0.03" },
    misbehave: { type: "string", default: "0.05" },
    timeout: { type: "string", default: "900" },
    verbose: { type: "boolean", short: "v", default: false },
  },
});

const num = (name: string, min: number) => {
  const n = Number(values[name as keyof typeof values]);
  if (!Number.isFinite(n) || n < min) {
    process.stderr.write(`chaos: --${name} must be a number ≥ ${min}\n`);
    process.exit(2);
  }
  return n;
};

const games = num("games", 1);
const players = num("players", games);
const log = values.verbose ? (m: string) => process.stderr.write(`${m}\n`) : () => {};
let server: DevServer | null = null;
const timer = setTimeout(() => void finish(2, `no result after ${values.timeout} s`), num("timeout", 1) * 1000);

async function finish(code: number, message?: string) {
  clearTimeout(timer);
  if (message) process.stderr.write(`chaos: ${message}\n`);
  await server?.stop();
  process.exit(code);
}

async function main() {
  // Everyone joins from 127.0.0.1: raise the per-IP join budget for this server only.
  if (!values.url) server = await startDevServer({ vars: { JOINS_PER_IP_PER_MINUTE: "100000" } });
  const base = (values.url ?? server!.url).replace(/\/$/, "");
  const signIn = await fetch(`${base}/api/auth/dev/sign-in`, { method: "POST", body: JSON.stringify({ name: `Chaos Host ${Date.now()}` }) });
  const { token } = (await signIn.json()) as { token: string };
  const t0 = Date.now();
  // Players split evenly over the games, which all run at once.
  const results = await Promise.all(
    Array.from({ length: games }, (_, i) =>
      playChaosGame({
        base, token, index: i + 1,
        players: Math.floor(players / games) + (i < players % games ? 1 : 0),
        questions: num("questions", 1),
        thinkMs: num("think-ms", 0),
        lingerMs: num("linger-ms", 0),
        rates: { drop: num("drop", 0), sleep: num("sleep", 0), misbehave: num("misbehave", 0) },
        log,
      }),
    ),
  );
  const breaches = results.flatMap((r) => r.breaches);
  const sum = (k: "answersSent" | "answersConfirmed" | "answersStored" | "reconnects" | "drops") => results.reduce((n, r) => n + r[k], 0);
  const errors: Record<string, number> = {};
  for (const r of results) for (const [c, n] of Object.entries(r.errors)) errors[c] = (errors[c] ?? 0) + n;
  const summary = {
    games: results.length,
    players: results.reduce((n, r) => n + r.players, 0),
    answersSent: sum("answersSent"),
    answersConfirmed: sum("answersConfirmed"),
    answersStored: sum("answersStored"),
    drops: sum("drops"),
    reconnects: sum("reconnects"),
    provokedErrors: errors,
    seconds: Math.round((Date.now() - t0) / 1000),
    breaches: breaches.length,
    gameIds: results.map((r) => r.gameId),
  };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  if (breaches.length) process.stderr.write(`chaos: ${breaches.length} breaches:\n- ${[...new Set(breaches)].slice(0, 40).join("\n- ")}\n`);
  await finish(breaches.length ? 1 : 0);
}

main().catch((err: Error) => void finish(2, err.stack ?? err.message));
