// The GameRoom Durable Object: one per game, addressed by PIN. A thin shell around the pure
// reducer: it turns sockets, alarms and RPC calls into events, and carries out the effects.
import { DurableObject } from "cloudflare:workers";
import { buildResult } from "../archive/build-result";
import { toArchiveMessage } from "../archive/reference";
import { intVar, type Env } from "../env";
import { limitsOf } from "../limits/config";
import type { Effect, GameEvent, Rejection, Who } from "../game/events";
import { createGame, type GameState, type NewGame } from "../game/state";
import { nextDeadline, step } from "../game/step";
import { frame } from "../game/views";
import { log } from "../log";
import { currentLogContext, newRequestId, withLogContext } from "../ops/log-context";
import { RoomMeter } from "../ops/room-meter";
import { CLOSE, type ErrorCode, type GameStatus } from "../protocol";
import { parseClientFrame } from "./parse-frame";
import { SocketLimiter } from "./socket-limiter";
import { SocketRegistry, type Attachment } from "./socket-registry";
import { RoomStorage } from "./storage";

/** A game nobody is connected to is ended and deleted after this long (default of `IDLE_CLEANUP_SEC`). */
export const IDLE_CLEANUP_MS = 30 * 60_000;
/** The "answered n/N" counter reaches the host at most this often. */
export const PROGRESS_INTERVAL_MS = 250;


export type JoinResult = { ok: true; playerId: string; nickname: string; gameId: string } | { ok: false; rejection: Rejection };
export type PlayerCheck = "ok" | "kicked" | "unknown" | "ended";

const ROLE_HEADER = "X-Quiz-Role";
const PLAYER_HEADER = "X-Quiz-Player";
const GAME_HEADER = "X-Quiz-Game";
const REQUEST_HEADER = "X-Quiz-Request";

/** Builds the internal request that hands an authenticated socket upgrade to the room. */
export function roomUpgradeRequest(req: Request, gameId: string, who: Who): Request {
  const headers = new Headers(req.headers);
  headers.set(ROLE_HEADER, who.role);
  headers.set(GAME_HEADER, gameId);
  if (who.role === "player") headers.set(PLAYER_HEADER, who.playerId);
  else headers.delete(PLAYER_HEADER);
  headers.set(REQUEST_HEADER, currentLogContext()?.requestId ?? newRequestId());
  return new Request(req, { headers });
}

const jsonError = (status: number, code: ErrorCode, message: string) => Response.json({ error: { code, message } }, { status });

export class GameRoom extends DurableObject<Env> {
  private readonly store: RoomStorage;
  private readonly limiter: SocketLimiter;
  private readonly meter: RoomMeter;
  private readonly sockets = new SocketRegistry();
  /** The alarm as last set or read; undefined when unknown (e.g. right after it fired). */
  private alarmAt: number | null | undefined = undefined;
  private readonly idleMs: number;
  private state: GameState | null = null;
  private progress: { pending: Effect & { kind: "progress" }; timer: ReturnType<typeof setTimeout> | null; lastAt: number } | null =
    null;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.store = new RoomStorage(ctx.storage.sql);
    const limits = limitsOf(env);
    this.limiter = new SocketLimiter({ burst: limits.SOCKET_BURST, perSec: limits.SOCKET_PER_SECOND });
    this.meter = new RoomMeter(ctx, env, this.store, () => this.state);
    this.idleMs = intVar(env.IDLE_CLEANUP_SEC, IDLE_CLEANUP_MS / 1000) * 1000;
    // Answered by the runtime without waking the object: keeps idle sockets alive and detectable.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", "pong"));
    ctx.blockConcurrencyWhile(async () => {
      const connected = new Set<string>();
      let host = false;
      for (const ws of ctx.getWebSockets()) {
        const who = ws.deserializeAttachment() as Attachment | null;
        if (who && ws.readyState === WebSocket.OPEN) this.sockets.add(ws, who);
        if (who?.role === "player") connected.add(who.playerId);
        else if (who?.role === "host") host = true;
      }
      this.state = this.store.load(connected, host);
      // Every socket is gone mid-game: a restart or deploy. Hold the question for those reconnecting.
      if (this.state && !host && connected.size === 0) await this.run({ type: "restored" });
    });
  }

  // ---- RPC from the Worker ---------------------------------------------------

  /** Claims this PIN for a new game; false when a live game already holds it. */
  create(init: NewGame): Promise<boolean> {
    return this.scoped(undefined, () => this.createGame(init));
  }

  private async createGame(init: NewGame): Promise<boolean> {
    if (this.state && this.state.phase !== "ended") return false;
    if (this.state) await this.wipe();
    const now = Date.now();
    this.state = createGame(init, now);
    this.store.saveGame(this.state, true);
    this.store.setMeta("idleSince", String(now));
    await this.syncAlarm();
    this.meter.reset();
    log("info", "game.created", { pin: init.pin, gameId: init.gameId, questions: init.quiz.questions.length });
    return true;
  }

  async status(): Promise<(GameStatus & { gameId: string; hostId: string }) | null> {
    const s = this.state;
    if (!s) return null;
    return {
      pin: s.pin,
      gameId: s.gameId,
      hostId: s.hostId,
      title: s.quiz.title,
      phase: s.phase,
      players: s.activeCount,
      questionCount: s.quiz.questions.length,
      joinable: s.phase !== "podium" && s.phase !== "ended" && s.activeCount < s.settings.maxPlayers,
    };
  }

  async join(playerId: string, nickname: string, identifier: string | null = null): Promise<JoinResult | null> {
    if (!this.state) return null;
    const res = await this.scoped(undefined, () => this.run({ type: "join", playerId, nickname, identifier }));
    return res ? { ok: false, rejection: res } : { ok: true, playerId, nickname, gameId: this.state.gameId };
  }

  /** Ends the game as its host's `end` would (admin or owner, checked by the Worker). */
  end(gameId: string): Promise<Rejection | "ok" | null> {
    return this.scoped(undefined, () => this.endGame(gameId));
  }

  private async endGame(gameId: string): Promise<Rejection | "ok" | null> {
    if (!this.state || this.state.gameId !== gameId) return null;
    const rejection = await this.run({ type: "frame", who: { role: "host" }, frame: { v: 1, type: "end" } });
    if (!rejection) log("info", "game.ended-by-request", { pin: this.state?.pin, gameId });
    return rejection ?? "ok";
  }

  /** Whether a resume token's player may reconnect. */
  async checkPlayer(gameId: string, playerId: string): Promise<PlayerCheck> {
    const s = this.state;
    if (!s || s.gameId !== gameId) return "unknown";
    const p = s.players.get(playerId);
    if (!p) return "unknown";
    if (p.kicked) return "kicked";
    return s.phase === "ended" ? "ended" : "ok";
  }

  // ---- sockets -----------------------------------------------------------------

  override fetch(req: Request): Promise<Response> {
    return this.scoped(req.headers.get(REQUEST_HEADER) ?? undefined, () => this.upgrade(req));
  }

  private async upgrade(req: Request): Promise<Response> {
    if (req.headers.get("Upgrade")?.toLowerCase() !== "websocket")
      return jsonError(426, "bad-request", "Expected a WebSocket upgrade.");
    const role = req.headers.get(ROLE_HEADER);
    const playerId = req.headers.get(PLAYER_HEADER);
    const s = this.state;
    if (!s || req.headers.get(GAME_HEADER) !== s.gameId) return jsonError(404, "not-found", "This game no longer exists.");
    const who: Who | null = role === "host" ? { role: "host" } : role === "player" && playerId ? { role: "player", playerId } : null;
    if (!who) return jsonError(400, "bad-request", "Missing socket identity.");

    // One live socket per identity: a reconnect (refresh, second tab) replaces the old one.
    for (const old of this.socketsOf(who)) this.close(old, CLOSE.replaced, "replaced by a newer connection");

    const pair = new WebSocketPair();
    const [client, server] = [pair[0], pair[1]];
    this.ctx.acceptWebSocket(server, who.role === "host" ? ["host"] : ["player", `p:${who.playerId}`]);
    const attachment: Attachment = { ...who, rid: currentLogContext()?.requestId };
    server.serializeAttachment(attachment);
    this.sockets.add(server, attachment);
    this.store.setMeta("idleSince", null);
    const rejection = await this.run({ type: "connect", who }, server);
    if (rejection) this.close(server, rejection.code === "kicked" ? CLOSE.kicked : CLOSE.unknownPlayer, rejection.code);
    return new Response(null, { status: 101, webSocket: client });
  }

  override webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    return this.scoped(this.ridOf(ws), () => this.onMessage(ws, message));
  }

  private async onMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    try {
      const who = this.sockets.whoIs(ws);
      if (!who || !this.state) return;
      this.meter.messageIn();
      // Rate first: malformed, oversized and unknown frames cost a token like any other.
      if (!this.admit(ws, who)) return;
      const parsed = parseClientFrame(message);
      if (!parsed.ok) {
        log("warn", "room.bad-frame", { pin: this.state.pin, role: who.role, code: parsed.rejection.code });
        return this.reject(ws, parsed.rejection);
      }
      await this.run({ type: "frame", who, frame: parsed.frame }, ws);
    } catch (err) {
      log("error", "room.message-failed", { pin: this.state?.pin, cause: String(err) });
    }
  }

  override webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    return this.scoped(this.ridOf(ws), async () => {
      // Reply to the close; 1005/1006/1015 are reserved and may not be sent back.
      this.close(ws, [1005, 1006, 1015].includes(code) ? 1000 : code, reason);
      await this.onSocketGone(ws);
    });
  }

  override webSocketError(ws: WebSocket, error: unknown): Promise<void> {
    return this.scoped(this.ridOf(ws), async () => {
      log("warn", "room.socket-error", { pin: this.state?.pin, cause: String(error) });
      await this.onSocketGone(ws);
    });
  }

  override alarm(): Promise<void> {
    return this.scoped(undefined, () => this.onAlarm());
  }

  private async onAlarm(): Promise<void> {
    try {
      this.alarmAt = undefined; // the runtime cleared it by firing
      const s = this.state;
      if (!s) return;
      const open = this.sockets.openCount;
      // Sockets that died with an earlier instance (restart, deploy) never sent a close: start the idle clock now.
      if (open === 0 && this.store.getMeta("idleSince", true) === null) this.store.setMeta("idleSince", String(Date.now()));
      const idleSince = Number(this.store.getMeta("idleSince", true) ?? NaN);
      if (open === 0 && Date.now() - idleSince >= this.idleMs) return await this.cleanUp();
      await this.run({ type: "tick" });
      await this.syncAlarm();
    } catch (err) {
      log("error", "room.alarm-failed", { pin: this.state?.pin, cause: String(err) });
    }
  }

  // ---- the shell -----------------------------------------------------------------

  /** The per-socket rate limit: one typed error per streak, then silence, then a close. */
  private admit(ws: WebSocket, who: Who): boolean {
    const { verdict, dropped } = this.limiter.check(ws, Date.now());
    if (verdict === "ok" && dropped === 0) return true; // the hot path: nothing to log, nothing to build
    const ctx = { pin: this.state?.pin, role: who.role, ...(who.role === "player" ? { playerId: who.playerId } : {}) };
    if (verdict === "ok") {
      log("warn", "room.rate-limit-ended", { ...ctx, dropped });
      return true;
    }
    if (verdict === "limited") {
      log("warn", "room.rate-limited", ctx);
      this.reject(ws, { code: "rate-limited", message: "Too many frames; slow down. Frames are being dropped." });
    } else if (verdict === "close") {
      log("warn", "room.rate-limit-close", { ...ctx, dropped });
      this.close(ws, CLOSE.rateLimited, "too many frames");
    }
    return false;
  }

  /** Feeds one event to the reducer and carries out what it decided. */
  private async run(event: GameEvent, sender?: WebSocket): Promise<Rejection | undefined> {
    if (!this.state) return { code: "not-found", message: "No game here." };
    const phaseBefore = this.state.phase;
    const { effects, rejection } = step(this.state, event, Date.now());
    this.meter.observe(event, phaseBefore, this.state, effects, rejection);
    if (rejection && sender) this.reject(sender, rejection);
    await this.apply(effects);
    return rejection;
  }

  private async apply(effects: Effect[]): Promise<void> {
    const s = this.state!;
    let saveGame = false;
    for (const e of effects) {
      switch (e.kind) {
        case "send":
          this.send(e.to, JSON.stringify(e.frame));
          break;
        case "send-each": {
          const t0 = performance.now();
          const sockets = this.ctx.getWebSockets("player");
          for (const ws of sockets) {
            const who = this.sockets.whoIs(ws);
            const f = who?.role === "player" ? e.build(who.playerId) : null;
            if (f) this.sendTo(ws, JSON.stringify(f));
          }
          this.meter.fanout(performance.now() - t0, sockets.length);
          break;
        }
        case "progress":
          this.queueProgress(e);
          break;
        case "close":
          for (const ws of this.ctx.getWebSockets(`p:${e.playerId}`)) {
            this.sendTo(ws, JSON.stringify(frame(s, "error", { code: "kicked", message: "You were removed from this game." })));
            this.close(ws, e.code, e.reason);
          }
          break;
        case "save-game":
          saveGame = true;
          break;
        case "save-player": {
          const p = s.players.get(e.playerId);
          if (p) this.store.savePlayer(p);
          break;
        }
        case "save-answer": {
          const a = s.answers.get(e.playerId);
          if (a) this.store.saveAnswer(a);
          break;
        }
        case "save-scores":
          this.store.saveScores(s.players.values());
          break;
        case "archive":
          await this.archive();
          break;
      }
    }
    if (saveGame) {
      this.store.saveGame(s);
      await this.syncAlarm();
    }
  }

  private async archive(): Promise<void> {
    const s = this.state!;
    if (this.store.getMeta("archived")) return;
    this.store.setMeta("archived", String(Date.now()));
    try {
      const msg = await toArchiveMessage(this.env.DB, buildResult(s, this.store.answers()));
      await this.env.ARCHIVE.send(msg, { contentType: "json" });
      this.meter.archiveSent(true);
      log("info", "game.archived", { pin: s.pin, gameId: s.gameId, kind: msg.kind });
    } catch (err) {
      this.meter.archiveSent(false);
      // Keep the game so it can be archived later; the next alarm tries again.
      this.store.setMeta("archived", null);
      log("error", "game.archive-failed", { pin: s.pin, gameId: s.gameId, cause: String(err) });
    }
  }

  /** Ends an abandoned game, archives it once, and frees the PIN. */
  private async cleanUp(): Promise<void> {
    const s = this.state!;
    if (s.phase !== "ended") await this.run({ type: "abandon" });
    if (s.startedAt !== null && !this.store.getMeta("archived")) {
      await this.archive();
      if (!this.store.getMeta("archived")) return this.setAlarm(Date.now() + 60_000);
    }
    log("info", "game.cleaned-up", { pin: s.pin, gameId: s.gameId });
    for (const ws of this.ctx.getWebSockets()) this.close(ws, CLOSE.ended, "game over");
    await this.wipe();
  }

  /** Frees the PIN: no rows, no alarm, empty tables ready for the next game. */
  private async wipe(): Promise<void> {
    await this.ctx.storage.deleteAlarm();
    this.alarmAt = null;
    await this.ctx.storage.deleteAll();
    this.store.init();
    this.state = null;
    this.progress = null;
  }

  private async onSocketGone(ws: WebSocket): Promise<void> {
    try {
      this.sockets.remove(ws);
      const who = this.sockets.whoIs(ws);
      if (!who || !this.state) return;
      // Another socket of the same identity is still open (it replaced this one): nothing changed.
      if (this.socketsOf(who).some((other) => other !== ws)) return;
      await this.run({ type: "disconnect", who });
      if (this.sockets.openCount === 0) {
        this.store.setMeta("idleSince", String(Date.now()));
        await this.syncAlarm();
      }
    } catch (err) {
      log("error", "room.close-failed", { pin: this.state?.pin, cause: String(err) });
    }
  }

  // ---- plumbing -----------------------------------------------------------------

  /** Runs a runtime hook with its log context: the request id that led here, this game's PIN and id. */
  private scoped<T>(requestId: string | undefined, fn: () => Promise<T>): Promise<T> {
    return withLogContext({ source: "room", requestId: requestId ?? newRequestId(), pin: this.state?.pin, gameId: this.state?.gameId }, fn);
  }

  private ridOf(ws: WebSocket): string | undefined {
    return this.sockets.ridOf(ws);
  }

  private async syncAlarm(): Promise<void> {
    const s = this.state;
    if (!s) return;
    const idleSince = Number(this.store.getMeta("idleSince") ?? NaN);
    const times = [nextDeadline(s), Number.isFinite(idleSince) ? idleSince + this.idleMs : null].filter(
      (t): t is number => t !== null,
    );
    // Ended games with no one left still need the cleanup alarm; so does an idle lobby.
    if (times.length) return this.setAlarm(Math.min(...times));
    // Nothing due, but a room must never be without an alarm: if its sockets die in a restart, no
    // close event comes, and only the alarm would ever wake it to notice and clean up.
    const current = this.alarmAt === undefined ? await this.ctx.storage.getAlarm() : this.alarmAt;
    if (current === null || current < Date.now()) await this.setAlarm(Date.now() + this.idleMs);
  }

  private async setAlarm(at: number): Promise<void> {
    // Cached: this runs after every state change, and asking the runtime each time is an await.
    const current = this.alarmAt === undefined ? await this.ctx.storage.getAlarm() : this.alarmAt;
    if (current !== at) await this.ctx.storage.setAlarm(at);
    this.alarmAt = at;
  }

  private socketsOf(who: Who): WebSocket[] {
    const tag = who.role === "host" ? "host" : `p:${who.playerId}`;
    return this.ctx.getWebSockets(tag).filter((ws) => ws.readyState === WebSocket.OPEN);
  }

  private send(to: Effect & { kind: "send" } extends { to: infer A } ? A : never, data: string): void {
    const sockets =
      to === "all"
        ? this.ctx.getWebSockets()
        : to === "host" || to === "players"
          ? this.ctx.getWebSockets(to === "host" ? "host" : "player")
          : this.ctx.getWebSockets(`p:${to.playerId}`);
    const t0 = performance.now();
    for (const ws of sockets) this.sendTo(ws, data);
    this.meter.fanout(performance.now() - t0, sockets.length);
  }

  private sendTo(ws: WebSocket, data: string): void {
    try {
      ws.send(data);
      this.meter.messagesOut(1);
    } catch {
      // Closing or gone: its close handler deals with it.
    }
  }

  private close(ws: WebSocket, code: number, reason: string): void {
    this.sockets.remove(ws);
    try {
      ws.close(code, reason.slice(0, 120));
    } catch {
      // Already closed.
    }
  }

  private reject(ws: WebSocket, r: Rejection): void {
    const s = this.state;
    const body = { code: r.code as never, message: r.message, ...(r.ref ? { ref: r.ref } : {}) };
    this.sendTo(ws, JSON.stringify(s ? frame(s, "error", body) : { v: 1, seq: 0, type: "error", ...body }));
  }

  /** Sends the latest counter at most every PROGRESS_INTERVAL_MS, and always the last one. */
  private queueProgress(e: Effect & { kind: "progress" }): void {
    const now = Date.now();
    const p = (this.progress ??= { pending: e, timer: null, lastAt: 0 });
    p.pending = e;
    if (p.timer) return;
    const flush = () => {
      p.timer = null;
      p.lastAt = Date.now();
      const s = this.state;
      if (!s) return;
      const { question, answered, total } = p.pending;
      this.send("host", JSON.stringify(frame(s, "progress", { question, answered, total })));
    };
    const wait = p.lastAt + PROGRESS_INTERVAL_MS - now;
    // A short cosmetic timer, not a deadline: losing it to eviction costs one counter update.
    if (wait <= 0) flush();
    else p.timer = setTimeout(flush, wait);
  }
}
