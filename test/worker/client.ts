// A tiny test client: REST through the real Worker, sockets as real WebSockets, frames parsed with
// the shared schemas so a malformed server frame fails the test.
import { exports } from "cloudflare:workers";
import {
  PROTOCOL_VERSION,
  ServerFrame,
  type ClientFrame,
  type CreateGameRequest,
  type CreateGameResponse,
  type JoinResponse,
  type QuizInput,
  type ServerFrameOf,
} from "../../worker/protocol";

export const ORIGIN = "http://quiz.test";

export async function api(path: string, init: RequestInit & { token?: string; json?: unknown } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.token) headers.set("Authorization", `Bearer ${init.token}`);
  if (init.json !== undefined) headers.set("Content-Type", "application/json");
  const body = init.json !== undefined ? JSON.stringify(init.json) : init.body;
  return exports.default.fetch(new Request(`${ORIGIN}${path}`, { ...init, headers, body }));
}

export async function signIn(name = "Test Host", groups: string[] = ["host"]): Promise<string> {
  const res = await api("/api/auth/dev/sign-in", { method: "POST", json: { name, groups } });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

export function quiz(n = 2, timeLimitSec = 20): QuizInput {
  return {
    title: "Test quiz",
    questions: Array.from({ length: n }, (_, i) => ({
      type: "quiz" as const, text: `Question ${i + 1}?`,
      choices: ["right", "wrong A", "wrong B", "wrong C"],
      correct: [0],
      timeLimitSec,
    })),
  };
}

export async function createGame(token: string, body: CreateGameRequest | unknown): Promise<CreateGameResponse> {
  const res = await api("/api/games", { method: "POST", token, json: body });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${await res.text()}`);
  return res.json();
}

/** `ip` plays a separate phone (its own per-IP join budget); without it every join shares one. */
export async function join(pin: string, nickname: string, ip?: string): Promise<JoinResponse> {
  const headers = ip ? { "CF-Connecting-IP": ip } : undefined;
  const res = await api(`/api/games/${pin}/join`, { method: "POST", json: { nickname }, headers });
  if (res.status !== 201) throw new Error(`join failed: ${res.status} ${await res.text()}`);
  return res.json();
}

type Frame = ServerFrame;
/** A client frame without its version field (distributes over the union). */
type Outgoing = ClientFrame extends infer F ? (F extends ClientFrame ? Omit<F, "v"> : never) : never;

/** A connected socket with an inbox; `next(type)` waits for the next frame of that type. */
export class TestSocket {
  readonly frames: Frame[] = [];
  /** Every frame exactly as it arrived, before schema parsing strips unknown keys. */
  readonly raw: unknown[] = [];
  /** Frames that failed the shared schema: a test fails on the next `next()`. */
  readonly invalid: string[] = [];
  private cursor = 0;
  private waiters: (() => void)[] = [];
  closed: { code: number; reason: string } | null = null;

  constructor(readonly ws: WebSocket) {
    ws.addEventListener("message", (e) => {
      const json: unknown = JSON.parse(String(e.data));
      this.raw.push(json);
      const parsed = ServerFrame.safeParse(json);
      if (parsed.success) this.frames.push(parsed.data);
      else this.invalid.push(String(e.data));
      this.wake();
    });
    ws.addEventListener("close", (e) => {
      this.closed = { code: e.code, reason: e.reason };
      this.wake();
    });
  }

  private wake() {
    const w = this.waiters;
    this.waiters = [];
    w.forEach((f) => f());
  }

  send(frame: Outgoing | string): void {
    this.ws.send(typeof frame === "string" ? frame : JSON.stringify({ v: PROTOCOL_VERSION, ...frame }));
  }

  /** Next unread frame of `type` (earlier frames of other types are skipped). */
  async next<T extends Frame["type"]>(type: T, timeoutMs = 8000): Promise<ServerFrameOf<T>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.invalid.length) throw new Error(`server sent an invalid frame: ${this.invalid[0]}`);
      while (this.cursor < this.frames.length) {
        const f = this.frames[this.cursor++]!;
        if (f.type === type) return f as ServerFrameOf<T>;
      }
      if (this.closed) throw new Error(`socket closed (${this.closed.code}) while waiting for ${type}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${type}; got ${this.frames.map((f) => f.type).join(",")}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  async waitClosed(timeoutMs = 5000): Promise<{ code: number; reason: string }> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed) {
      if (Date.now() > deadline) throw new Error("socket did not close");
      await new Promise<void>((r) => {
        const t = setTimeout(r, 50);
        this.waiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
    }
    return this.closed;
  }

  /** Frames of every type received so far (read or not). */
  all(): Frame[] {
    return this.frames;
  }

  close(): void {
    this.ws.close(1000, "bye");
  }
}

export async function connect(pin: string, ticket: string): Promise<TestSocket> {
  const res = await exports.default.fetch(
    new Request(`${ORIGIN}/api/games/${pin}/ws?ticket=${encodeURIComponent(ticket)}`, { headers: { Upgrade: "websocket" } }),
  );
  if (res.status !== 101 || !res.webSocket) throw new Error(`upgrade failed: ${res.status} ${await res.text()}`);
  res.webSocket.accept();
  return new TestSocket(res.webSocket);
}

/** Host + n connected players in the lobby of a fresh game. */
export async function lobby(
  n: number,
  body: unknown = { quiz: quiz(), settings: { previewSec: 0, keepAnswerOrder: true } },
  opts: { distinctIps?: boolean } = {},
) {
  const token = await signIn();
  const game = await createGame(token, body);
  const host = await connect(game.pin, game.hostTicket);
  await host.next("snapshot");
  const players = [];
  for (let i = 0; i < n; i++) {
    const j = await join(game.pin, `Player ${i + 1}`, opts.distinctIps ? `10.8.${i >> 8}.${i & 255}` : undefined);
    const socket = await connect(game.pin, j.ticket);
    await socket.next("snapshot");
    players.push({ ...j, socket });
  }
  return { token, game, host, players };
}
