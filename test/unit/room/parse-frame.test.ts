import { describe, expect, it } from "vitest";
import { ClientFrame } from "../../../worker/protocol";
import { parseClientFrame } from "../../../worker/room/parse-frame";

// The answer fast path must accept and refuse exactly what the schema does.
const cases: unknown[] = [
  { v: 1, type: "answer", question: 0, choice: 2, answerId: "a-1" },
  { v: 1, type: "answer", question: 3, choice: 0, answerId: "x".repeat(64) },
  { v: 1, type: "answer", question: 3, choice: 0, answerId: "x".repeat(65) },
  { v: 1, type: "answer", question: 3, choice: 0, answerId: "" },
  { v: 1, type: "answer", question: -1, choice: 0, answerId: "a" },
  { v: 1, type: "answer", question: 1.5, choice: 0, answerId: "a" },
  { v: 1, type: "answer", question: 1, choice: "0", answerId: "a" },
  { v: 1, type: "answer", question: 1, choice: 0 },
  { v: 2, type: "answer", question: 1, choice: 0, answerId: "a" },
  { v: 1, type: "answer", question: 1, choice: 0, answerId: "a", extra: true },
  { v: 1, type: "next" },
  [1, 2],
  null,
];

describe("parseClientFrame", () => {
  it.each(cases.map((c) => [JSON.stringify(c), c]))("agrees with the schema on %s", (text, value) => {
    const parsed = parseClientFrame(text);
    const schema = ClientFrame.safeParse(value);
    expect(parsed.ok).toBe(schema.success);
    if (parsed.ok && schema.success) expect(parsed.frame).toEqual(schema.data);
  });

  it("still refuses frames over 1024 bytes, multi-byte ones included", () => {
    const big = JSON.stringify({ v: 1, type: "answer", question: 0, choice: 0, answerId: "é".repeat(60), pad: "€".repeat(330) });
    expect(parseClientFrame(big)).toMatchObject({ ok: false, rejection: { code: "too-large" } });
  });
});
