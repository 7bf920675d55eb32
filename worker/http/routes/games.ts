import { Hono, type Context } from "hono";
import { signTicket, verifyTicket } from "../../auth/tickets";
import type { Env } from "../../env";
import { GameSettings, JoinRequest, Pin, ResumeRequest, type CreateGameResponse, type JoinResponse } from "../../protocol";
import { shuffleQuiz } from "../../quiz/shuffle";
import { roomUpgradeRequest } from "../../room/game-room";
import type { AppEnv } from "../app";
import { ApiError } from "../api-error";
import { requireHost } from "../host";
import { readQuizBody } from "../quiz-body";
import { fieldErrors, readJson } from "../validate";

const PIN_ATTEMPTS = 20;

const room = (env: Env, pin: string) => env.GAME_ROOM.get(env.GAME_ROOM.idFromName(pin));

function pinParam(c: Context<AppEnv>): string {
  const pin = c.req.param("pin") ?? "";
  if (!Pin.safeParse(pin).success) throw new ApiError("not-found", "No game with that PIN.");
  return pin;
}

async function liveGame(env: Env, pin: string) {
  const status = await room(env, pin).status();
  if (!status) throw new ApiError("not-found", "No game with that PIN.");
  return status;
}

const randomPin = () => String(100_000 + (crypto.getRandomValues(new Uint32Array(1))[0]! % 900_000));

export const gameRoutes = new Hono<AppEnv>()
  .post("/", requireHost, async (c) => {
    const body = readQuizBody(await readJson(c));
    const settings = GameSettings.parse(body.settings);
    const quiz = settings.keepAnswerOrder ? body.quiz : shuffleQuiz(body.quiz, Math.random);
    const host = c.get("host");
    const gameId = crypto.randomUUID();
    // The room is the lock: a PIN held by a live game refuses `create`, so we draw another.
    for (let i = 0; i < PIN_ATTEMPTS; i++) {
      const pin = randomPin();
      if (!(await room(c.env, pin).create({ gameId, pin, hostId: host.sub, quiz, settings }))) continue;
      const created: CreateGameResponse = {
        pin,
        gameId,
        title: quiz.title,
        questionCount: quiz.questions.length,
        hostTicket: await signTicket(c.env, { kind: "socket", pin, gameId, role: "host", sub: host.sub }),
        joinUrl: `${new URL(c.req.url).origin}/join/${pin}`,
      };
      return c.json(created, 201);
    }
    throw new ApiError("pin-exhausted", "Could not find a free PIN; try again.");
  })
  .get("/:pin", async (c) => {
    const { gameId: _g, hostId: _h, ...status } = await liveGame(c.env, pinParam(c));
    return c.json(status);
  })
  .post("/:pin/host-ticket", requireHost, async (c) => {
    const pin = pinParam(c);
    const status = await liveGame(c.env, pin);
    const host = c.get("host");
    if (status.hostId !== host.sub && !host.roles.includes("admin")) throw new ApiError("forbidden", "This is not your game.");
    return c.json({ ticket: await signTicket(c.env, { kind: "socket", pin, gameId: status.gameId, role: "host", sub: host.sub }) });
  })
  .post("/:pin/join", async (c) => {
    const pin = pinParam(c);
    const raw = await readJson(c);
    const parsed = JoinRequest.safeParse(raw);
    if (!parsed.success) throw new ApiError("bad-request", "The request body is invalid.", fieldErrors(parsed.error));
    const res = await room(c.env, pin).join(crypto.randomUUID(), parsed.data.nickname);
    if (!res) throw new ApiError("not-found", "No game with that PIN.");
    if (!res.ok) {
      const { code, message } = res.rejection;
      throw new ApiError(code === "game-full" || code === "game-ended" || code === "nickname-taken" ? code : "bad-request", message);
    }
    const t = { pin, gameId: res.gameId, playerId: res.playerId };
    const body: JoinResponse = {
      pin,
      playerId: res.playerId,
      nickname: res.nickname,
      resumeToken: await signTicket(c.env, { kind: "resume", ...t }),
      ticket: await signTicket(c.env, { kind: "socket", role: "player", ...t }),
    };
    return c.json(body, 201);
  })
  .post("/:pin/resume", async (c) => {
    const pin = pinParam(c);
    const parsed = ResumeRequest.safeParse(await readJson(c));
    if (!parsed.success) throw new ApiError("bad-request", "The request body is invalid.", fieldErrors(parsed.error));
    const token = await verifyTicket(c.env, parsed.data.resumeToken, "resume");
    if (!token || token.pin !== pin) throw new ApiError("unauthorized", "This resume token is not valid for this game.");
    const check = await room(c.env, pin).checkPlayer(token.gameId, token.playerId);
    if (check === "kicked") throw new ApiError("kicked", "You were removed from this game.");
    if (check === "unknown") throw new ApiError("not-found", "This game or player no longer exists.");
    if (check === "ended") throw new ApiError("game-ended", "This game has ended.");
    const ticket = await signTicket(c.env, { kind: "socket", role: "player", pin, gameId: token.gameId, playerId: token.playerId });
    return c.json({ ticket, playerId: token.playerId });
  })
  // The socket route: the ticket is checked here, then the upgrade goes to the room as it is.
  .get("/:pin/ws", async (c) => {
    const pin = pinParam(c);
    if (c.req.header("Upgrade")?.toLowerCase() !== "websocket") throw new ApiError("bad-request", "Expected a WebSocket upgrade.");
    const ticket = await verifyTicket(c.env, c.req.query("ticket") ?? "", "socket");
    if (!ticket || ticket.pin !== pin) throw new ApiError("unauthorized", "Socket ticket is missing, expired or for another game.");
    const who = ticket.role === "host" ? ({ role: "host" } as const) : ({ role: "player", playerId: ticket.playerId } as const);
    return room(c.env, pin).fetch(roomUpgradeRequest(c.req.raw, ticket.gameId, who));
  });
