// Every route × every role. Roles: anonymous, a player (holds only game-scoped tickets), the host
// who owns the game, another host, and an admin who is not a host.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { D1Sink } from "../../worker/archive/d1-sink";
import type { GameResult } from "../../worker/protocol";
import { api, connect, createGame, join, quiz, signIn } from "./client";

type Role = "anonymous" | "player" | "owner" | "otherHost" | "admin";
const ROLES: Role[] = ["anonymous", "player", "owner", "otherHost", "admin"];

let tokens: Record<"owner" | "otherHost" | "admin", string>;
let ownerSub = "";

/** A finished game of the owner in the archive, with one player "p1". */
async function archived(): Promise<string> {
  const gameId = crypto.randomUUID();
  const result: GameResult = {
    v: 1, gameId, pin: "123456", hostId: ownerSub, quiz: { title: "Archived", shuffleAnswers: true, shuffleQuestions: false, questions: [{ type: "quiz" as const, text: "Q?", choices: ["a", "b"], correct: [0], timeLimitSec: 20, points: 1000 }] },
    createdAt: 1, startedAt: 2, endedAt: Date.now(), reason: "finished",
    players: [{ id: "p1", nickname: "Pat", score: 1000, rank: 1, correct: 1 }],
    answers: [{ question: 0, playerId: "p1", choice: 0, correct: true, ms: 800, points: 1000, streak: 1 }],
  };
  await new D1Sink(env.DB).write(result);
  return gameId;
}

interface Ctx { quizId: string; pin: string; gameId: string; archivedId: string; player: { ticket: string; resumeToken: string }; hostTicket: string; otherTicket: string }

let joins = 0;

/** A fresh live game of the owner, one joined player, and one archived game. */
async function setup(): Promise<Ctx> {
  const g = await createGame(tokens.owner, { quiz: quiz() });
  const other = await createGame(tokens.otherHost, { quiz: quiz() });
  // A plain counter: random letters can spell something the nickname filter refuses.
  const j = await join(g.pin, `Player ${++joins}`);
  const stored = await api("/api/quizzes", { method: "POST", token: tokens.owner, json: quiz() });
  const quizId = ((await stored.json()) as { id: string }).id;
  return { quizId, pin: g.pin, gameId: g.gameId, archivedId: await archived(), player: j, hostTicket: g.hostTicket, otherTicket: other.hostTicket };
}

/** The credential each role would send: a Bearer token, or for a player their socket ticket. */
function bearer(role: Role, ctx: Ctx): string | undefined {
  if (role === "anonymous") return undefined;
  if (role === "player") return ctx.player.ticket;
  return tokens[role];
}

interface Route {
  name: string;
  call: (role: Role, ctx: Ctx) => Promise<Response>;
  expect: Record<Role, number>;
}

const withToken = (method: string, path: (c: Ctx) => string, json?: (c: Ctx) => unknown) => (role: Role, ctx: Ctx) =>
  api(path(ctx), { method, token: bearer(role, ctx), ...(json ? { json: json(ctx) } : {}) });

async function socket(role: Role, ctx: Ctx): Promise<Response> {
  let ticket = "";
  if (role === "player") ticket = ctx.player.ticket;
  else if (role === "owner") ticket = ctx.hostTicket;
  else if (role === "otherHost") ticket = ctx.otherTicket; // a real host ticket, for their own game
  else if (role === "admin") {
    const res = await api(`/api/games/${ctx.pin}/host-ticket`, { method: "POST", token: tokens.admin });
    ticket = ((await res.json()) as { ticket: string }).ticket;
  }
  return api(`/api/games/${ctx.pin}/ws?ticket=${encodeURIComponent(ticket)}`, { headers: { Upgrade: "websocket" } });
}

const all = (status: number): Record<Role, number> => ({ anonymous: status, player: status, owner: status, otherHost: status, admin: status });

/** Library routes: hosts only (an admin without the host group is 403), another host's quiz answers 404. */
const hostsOnly = (owner: number, otherHost: number): Record<Role, number> => ({ anonymous: 401, player: 401, owner, otherHost, admin: 403 });

const ROUTES: Route[] = [
  { name: "GET /api/health", call: withToken("GET", () => "/api/health"), expect: all(200) },
  { name: "POST /api/auth/dev/sign-in", call: (_r) => api("/api/auth/dev/sign-in", { method: "POST", json: {} }), expect: all(200) },
  { name: "GET /api/auth/dev/.well-known/jwks.json", call: withToken("GET", () => "/api/auth/dev/.well-known/jwks.json"), expect: all(200) },
  { name: "GET /api/auth/me", call: withToken("GET", () => "/api/auth/me"), expect: { anonymous: 401, player: 401, owner: 200, otherHost: 200, admin: 200 } },
  { name: "POST /api/games", call: withToken("POST", () => "/api/games", () => ({ quiz: quiz() })), expect: { anonymous: 401, player: 401, owner: 201, otherHost: 201, admin: 403 } },
  { name: "GET /api/games/{pin}", call: withToken("GET", (c) => `/api/games/${c.pin}`), expect: all(200) },
  { name: "POST /api/games/{pin}/host-ticket", call: withToken("POST", (c) => `/api/games/${c.pin}/host-ticket`), expect: { anonymous: 401, player: 401, owner: 200, otherHost: 403, admin: 200 } },
  { name: "POST /api/games/{pin}/end", call: withToken("POST", (c) => `/api/games/${c.pin}/end`), expect: { anonymous: 401, player: 401, owner: 200, otherHost: 403, admin: 200 } },
  { name: "POST /api/games/{pin}/join", call: withToken("POST", (c) => `/api/games/${c.pin}/join`, () => ({ nickname: `Newcomer ${++joins}` })), expect: all(201) },
  {
    name: "POST /api/games/{pin}/resume",
    // Only a player holds a resume token; the others send what they have.
    call: (role, c) => api(`/api/games/${c.pin}/resume`, { method: "POST", json: { resumeToken: role === "player" ? c.player.resumeToken : (bearer(role, c) ?? "none") } }),
    expect: { anonymous: 401, player: 200, owner: 401, otherHost: 401, admin: 401 },
  },
  { name: "GET /api/games/{pin}/ws", call: socket, expect: { anonymous: 401, player: 101, owner: 101, otherHost: 401, admin: 101 } },
  { name: "GET /api/archive/{gameId}", call: withToken("GET", (c) => `/api/archive/${c.archivedId}`), expect: { anonymous: 401, player: 401, owner: 200, otherHost: 404, admin: 200 } },
  { name: "DELETE /api/archive/{gameId}/players/{playerId}", call: withToken("DELETE", (c) => `/api/archive/${c.archivedId}/players/p1`), expect: { anonymous: 401, player: 401, owner: 204, otherHost: 404, admin: 204 } },
  { name: "GET /api/me/export", call: withToken("GET", () => "/api/me/export"), expect: { anonymous: 401, player: 401, owner: 200, otherHost: 200, admin: 200 } },
  { name: "GET /api/quizzes", call: withToken("GET", () => "/api/quizzes"), expect: hostsOnly(200, 200) },
  { name: "POST /api/quizzes", call: withToken("POST", () => "/api/quizzes", () => quiz()), expect: hostsOnly(201, 201) },
  { name: "POST /api/quizzes/import", call: withToken("POST", () => "/api/quizzes/import?name=q.json", () => quiz()), expect: hostsOnly(201, 201) },
  { name: "POST /api/quizzes/validate", call: withToken("POST", () => "/api/quizzes/validate", () => quiz()), expect: hostsOnly(200, 200) },
  { name: "GET /api/quizzes/{id}", call: withToken("GET", (c) => `/api/quizzes/${c.quizId}`), expect: hostsOnly(200, 404) },
  { name: "PUT /api/quizzes/{id}", call: withToken("PUT", (c) => `/api/quizzes/${c.quizId}`, () => quiz()), expect: hostsOnly(200, 404) },
  { name: "DELETE /api/quizzes/{id}", call: withToken("DELETE", (c) => `/api/quizzes/${c.quizId}`), expect: hostsOnly(204, 404) },
  { name: "POST /api/quizzes/{id}/duplicate", call: withToken("POST", (c) => `/api/quizzes/${c.quizId}/duplicate`), expect: hostsOnly(201, 404) },
  { name: "GET /api/quizzes/{id}/export", call: withToken("GET", (c) => `/api/quizzes/${c.quizId}/export?format=xlsx`), expect: hostsOnly(200, 404) },
  { name: "POST /api/games {quizId}", call: withToken("POST", () => "/api/games", (c) => ({ quizId: c.quizId })), expect: hostsOnly(201, 404) },
  { name: "GET /api/admin/metrics", call: withToken("GET", () => "/api/admin/metrics"), expect: { anonymous: 401, player: 401, owner: 403, otherHost: 403, admin: 200 } },
];

beforeAll(async () => {
  tokens = { owner: await signIn("Owner Host"), otherHost: await signIn("Other Host"), admin: await signIn("Ops Admin", ["admin"]) };
  ownerSub = ((await (await api("/api/auth/me", { token: tokens.owner })).json()) as { sub: string }).sub;
});

describe("RBAC: every route × every role", () => {
  for (const route of ROUTES)
    for (const role of ROLES)
      it(`${route.name} as ${role} → ${route.expect[role]}`, async () => {
        const ctx = await setup();
        const res = await route.call(role, ctx);
        const detail = res.webSocket ? "(socket)" : await res.clone().text();
        expect(res.status, detail).toBe(route.expect[role]);
        if (res.status >= 400) {
          const body = (await res.json()) as { error: { code: string } };
          expect(body.error.code).toBe({ 401: body.error.code === "invalid-token" ? "invalid-token" : "unauthorized", 403: "forbidden", 404: "not-found" }[res.status as 401]);
        }
        res.webSocket?.accept();
        res.webSocket?.close(1000, "done");
      });

  it("a player ticket used as a Bearer token is refused as an invalid token", async () => {
    const ctx = await setup();
    const res = await api("/api/auth/me", { token: ctx.player.ticket });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: "invalid-token" } });
  });

  it("another host's erase or export never touches the owner's archive", async () => {
    const ctx = await setup();
    await api(`/api/archive/${ctx.archivedId}/players/p1`, { method: "DELETE", token: tokens.otherHost });
    const row = await env.DB.prepare("SELECT players FROM games WHERE id = ?").bind(ctx.archivedId).first<{ players: number }>();
    expect(row?.players).toBe(1);
    const exported = (await (await api("/api/me/export", { token: tokens.otherHost })).json()) as { games: { gameId: string }[] };
    expect(exported.games.map((g) => g.gameId)).not.toContain(ctx.archivedId);
  });

  it("an admin ends another host's game: players and host see `ended`, the game refuses joins", async () => {
    const ctx = await setup();
    const host = await connect(ctx.pin, ctx.hostTicket);
    await host.next("snapshot");
    const res = await api(`/api/games/${ctx.pin}/end`, { method: "POST", token: tokens.admin });
    expect(res.status).toBe(200);
    expect((await host.next("ended")).reason).toBe("host-ended");
    const again = await api(`/api/games/${ctx.pin}/end`, { method: "POST", token: tokens.admin });
    expect(again.status).toBe(409);
    expect((await api(`/api/games/${ctx.pin}/join`, { method: "POST", json: { nickname: "Late" } })).status).toBe(409);
  });
});
