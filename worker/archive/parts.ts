/**
 * Splits JSON into parts that each fit one D1 value (2 MB cap). 500,000 UTF-16 units are at most
 * 1.5 MB of UTF-8 (a unit encodes to ≤ 3 bytes; a surrogate pair to 4 bytes for 2 units).
 */
export const PART_CHARS = 500_000;

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

export function splitParts(json: string, size = PART_CHARS): string[] {
  const parts: string[] = [];
  let i = 0;
  while (i < json.length) {
    let end = Math.min(i + size, json.length);
    // Never cut a surrogate pair: each part must be valid UTF-16 on its own to survive storage.
    if (end < json.length && isHighSurrogate(json.charCodeAt(end - 1))) end--;
    parts.push(json.slice(i, end));
    i = end;
  }
  return parts;
}

export const utf8Bytes = (s: string) => new TextEncoder().encode(s).byteLength;
