import { describe, expect, it } from "vitest";
import { SocketRegistry } from "../../worker/room/socket-registry";

function openSocket(): WebSocket {
  const pair = new WebSocketPair();
  pair[1].accept();
  return pair[1];
}

describe("SocketRegistry", () => {
  it("knows who each socket is without reading its attachment again", () => {
    const reg = new SocketRegistry();
    const ws = openSocket();
    reg.add(ws, { role: "player", playerId: "p1" });
    ws.serializeAttachment({ role: "host" }); // would be read if the index were not used
    expect(reg.whoIs(ws)).toEqual({ role: "player", playerId: "p1" });
  });

  it("falls back to the attachment for a socket it has not seen (after a wake)", () => {
    const ws = openSocket();
    ws.serializeAttachment({ role: "player", playerId: "p2" });
    expect(new SocketRegistry().whoIs(ws)).toEqual({ role: "player", playerId: "p2" });
  });

  it("counts open sockets once, whether we close a socket, its close event arrives, or both", () => {
    const reg = new SocketRegistry();
    const [a, b] = [openSocket(), openSocket()];
    reg.add(a, { role: "host" });
    reg.add(b, { role: "player", playerId: "p1" });
    a.close(1000);
    reg.remove(a);
    reg.remove(a);
    expect(reg.openCount).toBe(1);
    reg.remove(b);
    expect(reg.openCount).toBe(0);
  });

  it("drops closed sockets when a socket it never registered goes away", () => {
    const reg = new SocketRegistry();
    const [a, b] = [openSocket(), openSocket()];
    reg.add(a, { role: "player", playerId: "p1" });
    reg.add(b, { role: "player", playerId: "p2" });
    a.close(1000); // closed, but its removal reaches us through another wrapper
    reg.remove(openSocket());
    expect(reg.openCount).toBe(1);
  });
});
