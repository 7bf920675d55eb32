import { Hono, type Context } from "hono";
import { signTicket } from "../../auth/tickets";
import type { Env } from "../../env";
import { limitsOf } from "../../limits/config";
import { checkPinGuesses, recordWrongPin } from "../../limits/ip-limits";
import { CreateGameRequest, GameSettings, Pin, type CreateGameResponse } from "../../protocol";
import { QuizLibrary } from "../../quiz/library";
import { prepareQuiz } from "../../quiz/shuffle";
import type { AppEnv } from "../app";
import { ApiError } from "../api-error";
import { readQuizBody } from "../quiz-body";
import { mayManage, requireRole } from "../require-role";
import { fieldErrors, readJson } from "../validate";

const PIN_ATTEMPTS = 20;

export const room = (env: Env, pin: string) => env.GAME_ROOM.get(env.GAME_ROOM.idFromName(pin));

export function pinParam(c: Context<AppEnv>): string {
  const pin = c.req.param("pin") ?? "";
  if (!Pin.safeParse(pin).success) throw new ApiError("not-found", "No game with that PIN.");
  return pin;
}

export async function liveGame(env: Env, pin: string) {
  const status = await room(env, pin).status();
  if (!status) throw new ApiError("not-found", "No game with that PIN.");
  return status;
}

/** The game a signed-in host or admin may manage; another host's game is 403. */
async function managedGame(c: Context<AppEnv>) {
  const pin = pinParam(c);
  const status = await liveGame(c.env, pin);
  if (!mayManage(c.get("host"), status.hostId)) throw new ApiError("forbidden", "This is not your game.");
  return { pin, status };
}

/**
 * `{quizId, settings?}`: the host's stored quiz. The room keeps its own copy (a snapshot), so later
 * edits to the stored quiz never reach a running or archived game.
 */
async function fromLibrary(c: Context<AppEnv>, raw: unknown) {
  if (typeof raw !== "object" || raw === null || !("quizId" in raw) || "quiz" in raw) return null;
  const req = CreateGameRequest.safeParse(raw);
  if (!req.success) throw new ApiError("bad-request", "The request body is invalid.", fieldErrors(req.error));
  const found = await new QuizLibrary(c.env.DB, c.get("host").sub).get(req.data.quizId ?? "");
  if (!found) throw new ApiError("not-found", "No quiz with that id in your library.");
  return { quiz: found.quiz, settings: req.data.settings };
}

const randomPin = () => String(100_000 + (crypto.getRandomValues(new Uint32Array(1))[0]! % 900_000));

export const gameRoutes = new Hono<AppEnv>()
  .post("/", requireRole("host"), async (c) => {
    const raw = await readJson(c);
    const body = await fromLibrary(c, raw) ?? readQuizBody(raw);
    // The Worker's cap wins over the game's own setting, and is the default.
    const cap = limitsOf(c.env).MAX_PLAYERS;
    const settings = GameSettings.parse({ ...body.settings, maxPlayers: Math.min(body.settings.maxPlayers ?? cap, cap) });
    const quiz = prepareQuiz(body.quiz, Math.random, settings.keepAnswerOrder);
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
    // Public, so it is also a way to guess PINs: counted like wrong joins.
    await checkPinGuesses(c.env, c.req.raw);
    const pin = c.req.param("pin");
    const status = Pin.safeParse(pin).success ? await room(c.env, pin).status() : null;
    if (!status) {
      await recordWrongPin(c.env, c.req.raw);
      throw new ApiError("not-found", "No game with that PIN.");
    }
    const { gameId: _g, hostId: _h, ...body } = status;
    return c.json(body);
  })
  .post("/:pin/host-ticket", requireRole("host", "admin"), async (c) => {
    const { pin, status } = await managedGame(c);
    const sub = c.get("host").sub;
    return c.json({ ticket: await signTicket(c.env, { kind: "socket", pin, gameId: status.gameId, role: "host", sub }) });
  })
  // Ends a live game as the host's `end` would: the owner, or an admin for any game.
  .post("/:pin/end", requireRole("host", "admin"), async (c) => {
    const { pin, status } = await managedGame(c);
    const res = await room(c.env, pin).end(status.gameId);
    if (res === null) throw new ApiError("not-found", "No game with that PIN.");
    if (res !== "ok") throw new ApiError("game-ended", "This game has already ended.");
    return c.json({ pin, gameId: status.gameId, ended: true });
  });
