import { describe, expect, it } from "vitest";
import { nicknameKey } from "../../../worker/game/state";
import { Nickname } from "../../../worker/protocol";

const ok = (s: string) => Nickname.safeParse(s);

describe("nicknames", () => {
  it("collapse whitespace and trim", () => {
    expect(ok("  Ana \t\n Bell ").data).toBe("Ana Bell");
  });

  it("count characters as code points, so 20 emoji fit and 21 do not", () => {
    expect(ok("😀".repeat(20)).success).toBe(true);
    expect(ok("😀".repeat(21)).success).toBe(false);
  });

  it("accept emoji joined with a zero-width joiner", () => {
    expect(ok("Team 👨‍👩‍👧").success).toBe(true);
  });

  it("refuse control and invisible characters and broken UTF-16", () => {
    for (const bad of ["a\u0007b", "a\u200bb", "a\u202eb", "a\ud800b", "a\udc00", "   "]) expect(ok(bad).success, JSON.stringify(bad)).toBe(false);
  });

  it("clash ignoring case, with full case folding and compatibility forms", () => {
    expect(nicknameKey("Straße")).toBe(nicknameKey("STRASSE"));
    expect(nicknameKey("ＡＮＡ")).toBe(nicknameKey("ana"));
    expect(nicknameKey("René")).toBe(nicknameKey("Rene\u0301".normalize("NFC")));
    expect(nicknameKey("Ana")).not.toBe(nicknameKey("Anna"));
  });
});
