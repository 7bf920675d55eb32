// The benchmark's baseline: a bare hibernating Durable Object that only accepts sockets,
// broadcasts one frame per host command and acks answers. It speaks just enough of the game's
// REST and frame shapes for the same bench bots to drive it. Never part of the product bundle.
import { DurableObject } from "cloudflare:workers";

interface Env {
  ROOM: DurableObjectNamespace<BareRoom>;
}

const PIN = "100000";
/** About the size of the game's question frame for a bench question. */
const PAD = "x".repeat(220);

export class BareRoom extends DurableObject<Env> {
  private phase: "lobby" | "answering" | "reveal" | "leaderboard" = "lobby";
  private question = -1;
  private answered = 0;
  private questions = 0;

  async setup(questions: number): Promise<void> {
    this.questions = questions;
  }

  override async fetch(req: Request): Promise<Response> {
    const ticket = new URL(req.url).searchParams.get("ticket") ?? "";
    const pair = new WebSocketPair();
    this.ctx.acceptWebSocket(pair[1], [ticket === "host" ? "host" : "player"]);
    pair[1].send(JSON.stringify({ v: 1, seq: 0, type: "snapshot", role: ticket === "host" ? "host" : "player" }));
    return new Response(null, { status: 101, webSocket: pair[0] });
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    const f = JSON.parse(String(message)) as { type: string; question?: number; answerId?: string };
    if (f.type === "answer") {
      ws.send(JSON.stringify({ v: 1, seq: 0, type: "ack", question: f.question, answerId: f.answerId }));
      if (++this.answered === this.ctx.getWebSockets("player").length) this.broadcast({ type: "reveal", reveal: { index: this.question, answered: this.answered } });
      return;
    }
    if (this.phase === "lobby" || this.phase === "leaderboard") {
      if (this.question + 1 >= this.questions) return this.broadcast({ type: "podium", top: [], total: 0 });
      this.question++;
      this.answered = 0;
      this.phase = "answering";
      const question = { index: this.question, count: this.questions, text: PAD, choices: ["A", "B", "C", "D"], timeLimitMs: 20_000, points: 1000 };
      this.broadcast({ type: "question", question });
      this.broadcast({ type: "open", question: this.question });
    } else if (this.phase === "answering" || this.phase === "reveal") {
      this.phase = "leaderboard";
      this.broadcast({ type: "leaderboard", question: this.question, top: [] });
    }
  }

  private broadcast(body: object): void {
    const data = JSON.stringify({ v: 1, seq: 0, ...body });
    for (const ws of this.ctx.getWebSockets()) {
      try {
        ws.send(data);
      } catch {
        // gone
      }
    }
  }
}

export default {
  async fetch(req, env): Promise<Response> {
    const url = new URL(req.url);
    const room = env.ROOM.get(env.ROOM.idFromName(PIN));
    if (url.pathname === "/api/auth/dev/sign-in") return Response.json({ token: "bench" });
    if (url.pathname === "/api/games" && req.method === "POST") {
      const body = (await req.json()) as { quiz: { questions: unknown[] } };
      await room.setup(body.quiz.questions.length);
      return Response.json({ pin: PIN, gameId: "baseline", title: "baseline", questionCount: body.quiz.questions.length, hostTicket: "host" }, { status: 201 });
    }
    if (url.pathname.endsWith("/join")) {
      const playerId = crypto.randomUUID();
      return Response.json({ pin: PIN, playerId, nickname: "bot", ticket: playerId, resumeToken: "" }, { status: 201 });
    }
    if (url.pathname.endsWith("/ws")) return room.fetch(req);
    return new Response("not found", { status: 404 });
  },
} satisfies ExportedHandler<Env>;
