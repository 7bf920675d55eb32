// What the browser keeps between visits: the host's token, players' resume tokens, the quiz library.
import { Quiz } from "@protocol";
import { z } from "zod";

const PlayerSession = z.object({ pin: z.string(), playerId: z.string(), nickname: z.string(), resumeToken: z.string() });
export type PlayerSession = z.infer<typeof PlayerSession>;
const HostGame = z.object({ pin: z.string(), gameId: z.string(), title: z.string(), ticket: z.string().optional() });
export type HostGame = z.infer<typeof HostGame>;
const HostToken = z.object({ token: z.string(), name: z.string(), expiresAt: z.number() });
export type HostToken = z.infer<typeof HostToken>;
const LibraryEntry = z.object({ id: z.string(), quiz: Quiz, addedAt: z.number(), source: z.string() });
export type LibraryEntry = z.infer<typeof LibraryEntry>;

function read<S extends z.ZodType>(key: string, schema: S): z.output<S> | null {
  try {
    const raw = localStorage.getItem(key);
    const parsed = raw === null ? null : schema.safeParse(JSON.parse(raw));
    return parsed?.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function write(key: string, value: unknown): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Private mode or full storage: the game still works, it just cannot resume after a refresh.
  }
}

export const store = {
  player: (pin: string) => read(`quiz.player.${pin}`, PlayerSession),
  setPlayer: (s: PlayerSession | null, pin = s?.pin) => pin && write(`quiz.player.${pin}`, s),
  hostGame: (pin: string) => read(`quiz.host-game.${pin}`, HostGame),
  setHostGame: (g: HostGame) => write(`quiz.host-game.${g.pin}`, g),
  hostToken: () => {
    const t = read("quiz.host-token", HostToken);
    return t && t.expiresAt > Date.now() + 60_000 ? t : null;
  },
  setHostToken: (t: HostToken | null) => write("quiz.host-token", t),
  library: () => read("quiz.library", z.array(LibraryEntry)) ?? [],
  setLibrary: (entries: LibraryEntry[]) => write("quiz.library", entries),
  language: () => read("quiz.language", z.string()),
  setLanguage: (lang: string) => write("quiz.language", lang),
};
