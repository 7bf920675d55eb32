// The room's open sockets and who each one is, in memory. The attachment stays the source of truth
// (it survives hibernation); this index is rebuilt from it when the object wakes, so a broadcast or
// a message never pays deserializeAttachment per socket, and "is anyone left?" is O(1).
import type { Who } from "../game/events";

export class SocketRegistry {
  private readonly who = new WeakMap<WebSocket, Who>();
  private readonly open = new Set<WebSocket>();

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
    this.open.delete(ws);
  }

  get openCount(): number {
    return this.open.size;
  }
}
