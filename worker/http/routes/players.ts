import { Hono } from "hono";
import { signTicket, verifyTicket } from "../../auth/tickets";
import { checkJoin, recordWrongPin } from "../../limits/ip-limits";
import { isOffensive, neutralNickname } from "../../players/nickname-filter";
import { JoinRequest, PIN_PATTERN, ResumeRequest, type JoinResponse } from "../../protocol";
import { roomUpgradeRequest } from "../../room/game-room";
import type { AppEnv } from "../app";
import { ApiError } from "../api-error";
import { fieldErrors, readJson } from "../validate";
import { pinParam, room } from "./games";

// Anonymous player routes: a game-scoped ticket or resume token is all a player ever holds.
export const playerRoutes = new Hono<AppEnv>()
  .post("/:pin/join", async (c) => {
    await checkJoin(c.env, c.req.raw);
    const pin = c.req.param("pin");
    const wrongPin = async () => {
      await recordWrongPin(c.env, c.req.raw);
      return new ApiError("not-found", "No game with that PIN.");
    };
    if (!PIN_PATTERN.test(pin)) throw await wrongPin();
    const parsed = JoinRequest.safeParse(await readJson(c));
    if (!parsed.success) throw new ApiError("bad-request", "The request body is invalid.", fieldErrors(parsed.error));
    const { nickname, identifier } = parsed.data;
    if (isOffensive(nickname))
      throw new ApiError("nickname-rejected", "That nickname is not allowed; pick another or use the suggestion.", undefined, {
        suggestion: neutralNickname(),
      });
    const res = await room(c.env, pin).join(crypto.randomUUID(), nickname, identifier ?? null);
    if (!res) throw await wrongPin();
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
    // The room decides: kicked players and ended games refuse every resume token they ever issued.
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
