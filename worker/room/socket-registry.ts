// The room's open sockets and who each one is, in memory. The attachment stays the source of truth
// (it survives hibernation); this index is rebuilt from it when the object wakes, so a broadcast or
// a message never pays deserializeAttachment per socket, and "is anyone left?" is O(1).
import type { Who } from "../game/events";

/** What a socket's attachment holds: who it is, and the request id of its upgrade (for log lines). */
export type Attachment = Who & { rid?: string };

interface Entry {
  who: Who;
  rid: string | undefined;
}

/** The identity as the reducer expects it, without the log-only fields. */
const identity = (a: Attachment): Who => (a.role === "host" ? { role: "host" } : { role: "player", playerId: a.playerId });

export class SocketRegistry {
  private readonly entries = new WeakMap<WebSocket, Entry>();
  private readonly open = new Set<WebSocket>();
  private readonly gone = new WeakSet<WebSocket>();

  add(ws: WebSocket, attachment: Attachment): void {
    this.entries.set(ws, { who: identity(attachment), rid: attachment.rid });
    this.open.add(ws);
  }

  /** Who a socket is; falls back to the attachment for a socket this instance has not seen. */
  whoIs(ws: WebSocket): Who | null {
    return this.entry(ws)?.who ?? null;
  }

  /** The request id of the socket's upgrade, for its log lines. */
  ridOf(ws: WebSocket): string | undefined {
    return this.entry(ws)?.rid;
  }

  private entry(ws: WebSocket): Entry | undefined {
    let e = this.entries.get(ws);
    if (!e) {
      const a = ws.deserializeAttachment() as Attachment | null;
      if (a) this.entries.set(ws, (e = { who: identity(a), rid: a.rid }));
    }
    return e;
  }

  /** The socket closed or is being closed by us. */
  remove(ws: WebSocket): void {
    if (this.open.delete(ws)) {
      this.gone.add(ws);
      return;
    }
    // Already removed: closing a socket ourselves and then its close event both land here.
    if (this.gone.has(ws)) return;
    // Not the object we registered (should the runtime hand out a new wrapper after a wake):
    // drop whatever is no longer open, so the count never keeps a dead socket alive.
    for (const other of this.open) if (other.readyState !== WebSocket.OPEN) this.open.delete(other);
  }

  get openCount(): number {
    return this.open.size;
  }
}
