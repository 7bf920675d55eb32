import { afterEach, describe, expect, it, vi } from "vitest";
import { causeOf, log, maskIp } from "../../../worker/log";
import { requestIdOf, withLogContext } from "../../../worker/ops/log-context";

afterEach(() => vi.restoreAllMocks());

function capture() {
  const lines: string[] = [];
  for (const m of ["log", "warn", "error"] as const) vi.spyOn(console, m).mockImplementation((l: unknown) => void lines.push(String(l)));
  return lines;
}

describe("structured logs", () => {
  it("writes one JSON line with level, event, request id and the context's PIN and game id", () => {
    const lines = capture();
    withLogContext({ source: "room", requestId: "r-1", pin: "123456", gameId: "g-1" }, () => log("warn", "room.bad-frame", { code: "bad-frame" }));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toEqual({ level: "warn", event: "room.bad-frame", requestId: "r-1", source: "room", pin: "123456", gameId: "g-1", code: "bad-frame" });
  });

  it("drops tokens, identifiers and raw addresses whatever the caller passes", () => {
    const lines = capture();
    log("info", "x", { token: "eyJ…", ticket: "t", resumeToken: "r", identifier: "student-42", ip: "203.0.113.9", sub: "u-1", nickname: "Ada" });
    expect(JSON.parse(lines[0]!)).toEqual({ level: "info", event: "x", requestId: "none", source: "worker", nickname: "Ada" });
  });

  it("masks addresses to their network", () => {
    expect(maskIp("203.0.113.9")).toBe("203.0.113.0/24");
    expect(maskIp("2001:0db8:85a3:0000::/64")).toBe("2001:0db8:85a3::/48");
  });

  it("keeps a cause without its stack", () => {
    const err = new TypeError("boom");
    expect(causeOf(err)).toBe("TypeError: boom");
    expect(causeOf(err)).not.toContain("at ");
  });

  it("takes the request id from cf-ray and makes one up otherwise", () => {
    expect(requestIdOf(new Request("http://x", { headers: { "cf-ray": "8f3a1b2c3d4e5f60-FRA" } }))).toBe("8f3a1b2c3d4e5f60-FRA");
    const made = requestIdOf(new Request("http://x", { headers: { "cf-ray": "<script>" } }));
    expect(made).toMatch(/^[0-9a-f]{16}$/);
  });

  it("keeps concurrent contexts apart", async () => {
    const lines = capture();
    await Promise.all(
      ["a", "b"].map((id) =>
        withLogContext({ source: "worker", requestId: id }, async () => {
          await new Promise((r) => setTimeout(r, id === "a" ? 20 : 5));
          log("info", "done", { id });
        }),
      ),
    );
    for (const l of lines.map((x) => JSON.parse(x) as { requestId: string; id: string })) expect(l.requestId).toBe(l.id);
  });
});
