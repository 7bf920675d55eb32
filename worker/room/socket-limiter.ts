// Per-socket frame rate limit for the GameRoom shell. State is in memory, keyed by the socket
// object: after hibernation the sockets are new objects and start with a full bucket, which is
// fine because waking up takes a quiet socket.
import { fullBucket, take, type Bucket, type Rate } from "../limits/token-bucket";

/** A socket that keeps sending after this many refused frames in a row is closed. */
export const CLOSE_AFTER_DROPPED = 200;

/**
 * "ok": handle the frame. "limited": the first refused frame of a streak, answer it once.
 * "drop": refused silently (the client was told). "close": the socket is flooding, close it.
 */
export type Verdict = "ok" | "limited" | "drop" | "close";

interface SocketState {
  bucket: Bucket;
  /** Frames refused since the last one that passed. */
  dropped: number;
}

export class SocketLimiter {
  private readonly sockets = new WeakMap<WebSocket, SocketState>();

  constructor(private readonly rate: Rate) {}

  /** Counts one frame from `ws`. `dropped` is how many were refused before this one passed. */
  check(ws: WebSocket, now: number): { verdict: Verdict; dropped: number } {
    let s = this.sockets.get(ws);
    if (!s) this.sockets.set(ws, (s = { bucket: fullBucket(this.rate, now), dropped: 0 }));
    if (take(s.bucket, this.rate, now) === 0) {
      const dropped = s.dropped;
      s.dropped = 0;
      return { verdict: "ok", dropped };
    }
    s.dropped++;
    const verdict = s.dropped === 1 ? "limited" : s.dropped === CLOSE_AFTER_DROPPED ? "close" : "drop";
    return { verdict, dropped: s.dropped };
  }
}
