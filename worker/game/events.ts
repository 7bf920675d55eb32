import type { ClientFrame, ErrorCode, FrameErrorCode, ServerFrame } from "../protocol";

/** Who sent an event: the game's host or one player. */
export type Who = { role: "host" } | { role: "player"; playerId: string };

export type GameEvent =
  /** A player joined through REST; the nickname is already validated by the protocol schema. */
  | { type: "join"; playerId: string; nickname: string; identifier?: string | null }
  | { type: "connect"; who: Who }
  | { type: "disconnect"; who: Who }
  | { type: "frame"; who: Who; frame: ClientFrame }
  /** The room was rebuilt from storage with no socket left (a restart or deploy dropped them all). */
  | { type: "restored" }
  /** A deadline may have passed (the alarm fired). Safe to repeat. */
  | { type: "tick" }
  /** Nobody has been connected for a long time: end the game. */
  | { type: "abandon" };

/** Where a frame goes. */
export type Audience = "all" | "host" | "players" | { playerId: string };

export type Effect =
  | { kind: "send"; to: Audience; frame: ServerFrame }
  /** Per-player frames built lazily by the shell (one per connected player), e.g. results. */
  | { kind: "send-each"; build: (playerId: string) => ServerFrame | null }
  /** Throttled by the shell: the host's "answered n/N" counter. */
  | { kind: "progress"; question: number; answered: number; total: number }
  | { kind: "close"; playerId: string; code: number; reason: string }
  | { kind: "save-game" }
  | { kind: "save-player"; playerId: string }
  | { kind: "save-answer"; playerId: string }
  /** Scores, streaks and ranks of every player changed (after a reveal). */
  | { kind: "save-scores" }
  /** The game is over: send its result to the archive, once. */
  | { kind: "archive" };

/** A refused event. Leaves the state untouched; the shell reports it to the sender. */
export interface Rejection {
  code: FrameErrorCode | ErrorCode;
  message: string;
  ref?: string;
}
