// One live game socket that reconnects by itself (partysocket) and resumes with a fresh ticket.
import { CLOSE, PROTOCOL_VERSION, ServerFrame, type ClientFrame } from "@protocol";
import ReconnectingWebSocket from "partysocket/ws";
import { applyFrame, type ClientGame } from "../state/game-state";
import { ApiFailure, socketUrl } from "./api";

export type ConnectionStatus = "connecting" | "open" | "reconnecting" | "stopped";
/** Why the connection gave up for good. */
export type StopReason = "kicked" | "replaced" | "gone" | "signed-out";

type Outgoing = ClientFrame extends infer F ? (F extends ClientFrame ? Omit<F, "v"> : never) : never;
/** What an answer carries besides question and id: one field per question type. */
export type AnswerPayload = Partial<Pick<Extract<ClientFrame, { type: "answer" }>, "choice" | "choices" | "text" | "value" | "order">>;

/** Close codes after which reconnecting would be wrong. */
const FINAL = new Map<number, StopReason>([
  [CLOSE.kicked, "kicked"],
  [CLOSE.replaced, "replaced"],
  [CLOSE.ended, "gone"],
  [CLOSE.unknownPlayer, "gone"],
]);

const PING_EVERY_MS = 15_000;
const PONG_WITHIN_MS = 5_000;

export class GameConnection {
  game: ClientGame | null = null;
  status: ConnectionStatus = "connecting";
  stopped: StopReason | null = null;
  private readonly ws: ReconnectingWebSocket;
  private readonly listeners = new Set<() => void>();
  private pending: { question: number; choice: number; payload: AnswerPayload; answerId: string } | null = null;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private pongTimer: ReturnType<typeof setTimeout> | undefined;

  /** `ticket()` returns a socket ticket; it throws ApiFailure when the seat is gone for good. */
  constructor(pin: string, ticket: () => Promise<string>) {
    const url = async () => {
      try {
        return socketUrl(pin, await ticket());
      } catch (err) {
        if (err instanceof ApiFailure && err.status !== 0 && err.status < 500) this.stop(err.code === "kicked" ? "kicked" : err.status === 401 ? "signed-out" : "gone");
        throw err;
      }
    };
    this.ws = new ReconnectingWebSocket(url, undefined, {
      maxEnqueuedMessages: 0, // a stale host command must never fire after a reconnect
      minReconnectionDelay: 400 + Math.random() * 600, // jitter: a classroom's phones don't all retry at once
      maxReconnectionDelay: 8_000,
      reconnectionDelayGrowFactor: 1.7,
      connectionTimeout: 6_000,
      shouldReconnectOnClose: (e) => !FINAL.has(e.code),
    });
    this.ws.onopen = () => this.set({ status: "open" });
    this.ws.onclose = (e) => {
      const final = FINAL.get(e.code);
      if (final) this.stop(final);
      else if (!this.stopped) this.set({ status: "reconnecting" });
    };
    this.ws.onmessage = (e) => this.onMessage(String(e.data));
    this.pingTimer = setInterval(() => this.ping(), PING_EVERY_MS);
    document.addEventListener("visibilitychange", this.onVisible);
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  send(frame: Outgoing): boolean {
    if (this.ws.readyState !== WebSocket.OPEN) return false;
    return this.ws.send(JSON.stringify({ v: PROTOCOL_VERSION, ...frame }));
  }

  /** Locks in a single-choice answer; it is sent again after a reconnect if the server has not got it. */
  answer(choice: number): void {
    this.answerWith({ choice });
  }

  /** Locks in an answer of any type (`choices`, `text`, `value` or `order`). */
  answerWith(payload: AnswerPayload): void {
    const g = this.game;
    if (!g?.you || !g.question || g.phase !== "answering" || g.you.choice !== null) return;
    // `choice` marks "answered" in the client state; -1 for answers that are not one tile.
    const choice = payload.choice ?? -1;
    this.pending = { question: g.question.index, choice, payload, answerId: crypto.randomUUID() };
    this.game = { ...g, you: { ...g.you, choice } };
    this.sendPending();
    this.emit();
  }

  close(): void {
    clearInterval(this.pingTimer);
    clearTimeout(this.pongTimer);
    document.removeEventListener("visibilitychange", this.onVisible);
    this.ws.close(1000, "bye");
    this.listeners.clear();
  }

  private sendPending() {
    const p = this.pending;
    if (p) this.send({ type: "answer", question: p.question, ...p.payload, answerId: p.answerId });
  }

  private onMessage(data: string) {
    if (data === "pong") return void clearTimeout(this.pongTimer);
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      return;
    }
    const parsed = ServerFrame.safeParse(json);
    if (!parsed.success) return; // a frame from a newer server: ignore rather than break the game
    const before = this.game;
    this.game = applyFrame(this.game, parsed.data, Date.now());
    const g = this.game;
    // After a reconnect, an answer the server never acknowledged goes out again (same id: idempotent).
    if (parsed.data.type === "snapshot" && g?.you && this.pending) {
      if (g.phase === "answering" && g.question?.index === this.pending.question && !g.you.answerId) {
        this.game = { ...g, you: { ...g.you, choice: this.pending.choice } };
        this.sendPending();
      } else if (g.question?.index !== this.pending.question || g.you.answerId) this.pending = null;
    }
    if (parsed.data.type === "ack" && this.pending?.answerId === parsed.data.answerId) this.pending = null;
    // The close that follows a kick can lag behind (proxies); the error frame is already final.
    if (parsed.data.type === "error" && parsed.data.code === "kicked") return this.stop("kicked");
    if (this.game !== before) this.emit();
  }

  private ping() {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    this.ws.send("ping");
    clearTimeout(this.pongTimer);
    // No pong: the socket is dead even if the browser still calls it open (sleeping phone, lost Wi-Fi).
    this.pongTimer = setTimeout(() => this.ws.reconnect(), PONG_WITHIN_MS);
  }

  private onVisible = () => {
    if (document.visibilityState === "visible") this.ping();
  };

  private stop(reason: StopReason) {
    if (this.stopped) return;
    this.stopped = reason;
    this.status = "stopped";
    this.ws.close(1000, reason);
    this.emit();
  }

  private set(patch: Partial<Pick<GameConnection, "status">>) {
    if (this.stopped) return;
    Object.assign(this, patch);
    this.emit();
  }

  private emit() {
    this.listeners.forEach((fn) => fn());
  }
}
