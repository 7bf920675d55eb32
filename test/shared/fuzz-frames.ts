// Protocol fuzzing: client frames generated from the zod schemas (through their JSON Schema, so the
// generator follows the protocol as it changes), then mutated. Each frame comes with the server's
// expected answer, predicted by the server's own parser; a frame the parser would accept is kept
// only when it cannot change the game (see `expectFor`). Seeded: a run can be replayed.
import { z } from "zod";
import { ClientFrame, HOST_COMMANDS } from "../../worker/protocol";
import { parseClientFrame } from "../../worker/room/parse-frame";
import { seededRandom } from "../../worker/quiz/shuffle";

/** One fuzz frame. `bytes` is set for frames that are not UTF-16 text (binary, invalid UTF-8). */
export interface FuzzFrame {
  kind: string;
  text?: string;
  bytes?: Uint8Array;
  /** Sent as a binary frame (else as a text frame, raw bytes included). */
  binary: boolean;
  /** What the server must answer: an error code, or "snapshot" for a valid `sync`. */
  expect: string;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
interface Schema {
  type?: string | string[];
  const?: Json;
  enum?: Json[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
}

/** Seeded so a failing run can be replayed: the same PRNG the quiz shuffle uses. */
export const rng = seededRandom;

export class FrameFuzzer {
  private readonly root: Schema;
  private readonly random: () => number;

  constructor(seed: number) {
    this.root = z.toJSONSchema(ClientFrame, { io: "input" }) as Schema;
    this.random = rng(seed);
  }

  private int(lo: number, hi: number): number {
    return lo + Math.floor(this.random() * (hi - lo + 1));
  }

  private pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.random() * xs.length)]!;
  }

  /** A value that satisfies `s` (small numbers: the game has a few questions and choices). */
  valid(s: Schema = this.root): Json {
    const variants = s.oneOf ?? s.anyOf;
    if (variants) return this.valid(this.pick(variants));
    if (s.const !== undefined) return s.const;
    if (s.enum) return this.pick(s.enum);
    const type = Array.isArray(s.type) ? this.pick(s.type) : s.type;
    switch (type) {
      case "object": {
        const out: Record<string, Json> = {};
        for (const [k, sub] of Object.entries(s.properties ?? {}))
          if (s.required?.includes(k) || this.random() < 0.5) out[k] = this.valid(sub);
        return out;
      }
      case "array":
        return Array.from({ length: this.int(s.minItems ?? 0, Math.min(s.maxItems ?? 4, 4)) }, () => this.valid(s.items ?? {}));
      case "integer":
      case "number":
        return this.int(Math.max(s.minimum ?? 0, 0), Math.min(s.maximum ?? 5, 5));
      case "string": {
        const len = this.int(s.minLength ?? 0, Math.min(s.maxLength ?? 16, 16));
        return Array.from({ length: len }, () => this.pick([..."abcxyz0189-_é😀"])).join("").slice(0, s.maxLength ?? 64) || "a";
      }
      case "boolean":
        return this.random() < 0.5;
      case "null":
        return null;
      default:
        return null;
    }
  }

  /** Any JSON value, of roughly the given depth. */
  private anyJson(depth = 2): Json {
    const r = this.int(0, depth > 0 ? 7 : 5);
    return [
      () => null,
      () => this.random() < 0.5,
      () => this.pick([-1, 0.5, 1e21, -0, 2 ** 53 + 2, Number.MAX_VALUE, 7]),
      () => this.pick(["", "1", "answer", "\u0000", "\ud800", "😀".repeat(3), "<script>", "__proto__"]),
      () => this.int(-3, 3),
      () => "x".repeat(this.int(0, 40)),
      () => Array.from({ length: this.int(0, 3) }, () => this.anyJson(depth - 1)),
      () => Object.fromEntries(Array.from({ length: this.int(0, 3) }, () => [this.pick(["a", "v", "type", "__proto__", "constructor"]), this.anyJson(depth - 1)])),
    ][r]!();
  }


  /** A mutated frame, as text, or as bytes for the kinds that cannot be a JS string. */
  private mutate(): Omit<FuzzFrame, "expect"> {
    const obj = this.valid() as Record<string, Json>;
    const keys = Object.keys(obj);
    const key = this.pick(keys);
    const kinds = [
      "wrong-type", "missing-field", "extra-field", "huge-string", "deep-nesting", "odd-string", "bad-version",
      "unknown-type", "not-json", "not-an-object", "binary", "invalid-utf8", "huge-frame", "valid",
    ] as const;
    const kind = this.pick(kinds);
    const text = (v: unknown) => ({ kind, text: JSON.stringify(v), binary: false });
    switch (kind) {
      case "wrong-type":
        return text({ ...obj, [key]: this.anyJson() });
      case "missing-field": {
        const { [key]: _, ...rest } = obj;
        return text(rest);
      }
      case "extra-field":
        return text({ ...obj, [this.pick(["extra", "__proto__", "constructor", "toString", "x".repeat(200)])]: this.anyJson() });
      case "huge-string":
        return text({ ...obj, [key]: "y".repeat(this.pick([65, 1000, 1025, 5000, 60_000])) });
      case "deep-nesting": {
        // Built as text: JSON.stringify of thousands of levels would overflow the sender's stack.
        const depth = this.pick([10, 100, 300, 5000, 50_000]);
        const [open, close] = this.random() < 0.5 ? ["[", "]"] : ['{"a":', "}"];
        const head = JSON.stringify({ ...obj, [key]: 0 });
        const at = head.lastIndexOf(":0") + 1;
        return { kind, text: `${head.slice(0, at)}${open.repeat(depth)}0${close.repeat(depth)}${head.slice(at + 1)}`, binary: false };
      }
      case "odd-string":
        return text({ ...obj, [key]: this.pick(["\ud800", "\udfff\ud800", "\u0000", "\u202e", "a\u0301", "😀", "\uffff", ""]) });
      case "bad-version":
        return text({ ...obj, v: this.pick([0, 2, "1", null, 1.5, -1, [1]]) });
      case "unknown-type":
        return text({ ...obj, type: this.pick(["teleport", "", "ANSWER", "__proto__", "constructor", "ping", 3]) });
      case "not-json":
        return {
          kind,
          text: this.pick(["", " ", "{", "}", "{not json", JSON.stringify(obj).slice(0, -1), "PING", "ping ", "pong", "undefined", "NaN", "[1,]", "'x'", "\u0000"]),
          binary: false,
        };
      case "not-an-object":
        return text(this.pick([null, true, 0, "sync", [], [obj], 1e300]));
      case "binary":
        return { kind, bytes: new TextEncoder().encode(JSON.stringify(obj)), binary: true };
      case "invalid-utf8": {
        // A text frame whose bytes are not UTF-8 (a lone continuation byte, an overlong form, an
        // encoded surrogate), inside a string of a valid frame or in the middle of the JSON.
        const bad = this.pick([[0x80], [0xc3, 0x28], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xff, 0xfe]]);
        const json = new TextEncoder().encode(JSON.stringify({ ...obj, x: "" }));
        const at = this.random() < 0.5 ? json.length - 2 : this.int(1, json.length - 1); // inside "x":"" or anywhere
        return { kind, bytes: new Uint8Array([...json.slice(0, at), ...bad, ...json.slice(at)]), binary: false };
      }
      case "huge-frame":
        return { kind, text: JSON.stringify({ ...obj, pad: "z".repeat(this.pick([2000, 20_000, 100_000])) }), binary: false };
      case "valid":
        return text(obj);
    }
  }

  /**
   * The next frame to send as `role`, with the answer the server must give. Frames the parser
   * accepts are kept only when they cannot change the game: `sync` (a snapshot) and, from a
   * player, host commands (`not-host`). Valid answers and host commands from the host are redrawn.
   */
  next(role: "host" | "player"): FuzzFrame {
    for (;;) {
      const f = this.mutate();
      const expect = expectFor(f, role);
      if (expect) return { ...f, expect };
    }
  }
}

/** The server's expected answer to a frame, or null if it could change the game. */
export function expectFor(f: Omit<FuzzFrame, "expect">, role: "host" | "player"): string | null {
  if (f.text === "ping") return null; // answered by the runtime with "pong", not by the game
  // workerd decodes a text frame's invalid UTF-8 as U+FFFD before the game sees it (measured), so
  // the game parses the repaired text.
  const message = f.binary ? (f.bytes!.buffer as ArrayBuffer) : f.bytes ? new TextDecoder().decode(f.bytes) : f.text!;
  const parsed = parseClientFrame(message);
  if (!parsed.ok) return parsed.rejection.code;
  const type = parsed.frame.type;
  if (type === "sync") return "snapshot";
  if (role === "player" && HOST_COMMANDS.has(type)) return "not-host";
  return null;
}
