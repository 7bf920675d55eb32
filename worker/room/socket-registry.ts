// The room's open sockets and who each one is, in memory. The attachment stays the source of truth
// (it survives hibernation); this index is rebuilt from it when the object wakes, so a broadcast or
// a message never pays deserializeAttachment per socket, and "is anyone left?" is O(1).
import type { Who } from "../game/events";

export class SocketRegistry {
  private readonly who = new WeakMap<WebSocket, Who>();
  private readonly open = new Set<WebSocket>();
  private readonly gone = new WeakSet<WebSocket>();

  add(ws: WebSocket, who: Who): void {
    this.who.set(ws, who);
    this.open.add(ws);
  }

  /** Who a socket is; falls back to the attachment for a socket this instance has not seen. */
  whoIs(ws: WebSocket): Who | null {
    let who = this.who.get(ws);
    if (!who) {
      who = (ws.deserializeAttachment() as Who | null) ?? undefined;
      if (who) this.who.set(ws, who);
    }
    return who ?? null;
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
