import { describe, expect, it } from "vitest";
import { PART_CHARS, splitParts, utf8Bytes } from "../../../worker/archive/parts";

describe("splitting a stored document into D1-sized parts", () => {
  it("joins back to the same text and keeps every part under 2 MB of UTF-8", () => {
    const json = JSON.stringify({ names: Array.from({ length: 40_000 }, (_, i) => `Zoë 👩‍🚀 ${i} 漢字`) });
    const parts = splitParts(json);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.join("")).toBe(json);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(PART_CHARS);
      expect(utf8Bytes(p)).toBeLessThan(2_000_000);
    }
  });

  it("never cuts a surrogate pair in two", () => {
    const parts = splitParts("a😀b😀", 2);
    expect(parts).toEqual(["a", "😀", "b", "😀"]);
    for (const p of parts) expect(utf8Bytes(p)).toBe(new TextEncoder().encode(p).byteLength);
    expect(parts.join("")).toBe("a😀b😀");
  });
});
