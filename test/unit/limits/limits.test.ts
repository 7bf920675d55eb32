import { describe, expect, it } from "vitest";
import { clientKey } from "../../../worker/limits/client-ip";
import { fullBucket, perMinute, take, waitMs } from "../../../worker/limits/token-bucket";
import { isOffensive, neutralNickname } from "../../../worker/players/nickname-filter";

describe("token bucket", () => {
  it("allows a burst, then the sustained rate, computed from timestamps alone", () => {
    const rate = { burst: 3, perSec: 2 };
    const b = fullBucket(rate, 0);
    expect([take(b, rate, 0), take(b, rate, 0), take(b, rate, 0)]).toEqual([0, 0, 0]);
    expect(take(b, rate, 0)).toBe(500); // refused: half a second to the next token
    expect(take(b, rate, 499)).toBeGreaterThan(0);
    expect(take(b, rate, 500)).toBe(0);
    expect(take(b, rate, 10_000)).toBe(0); // refills to the burst, never past it
    expect(b.tokens).toBe(2);
  });

  it("peeks without taking", () => {
    const rate = perMinute(10);
    const b = fullBucket(rate, 0);
    for (let i = 0; i < 5; i++) expect(waitMs(b, rate, 0)).toBe(0);
    expect(b.tokens).toBe(10);
    for (let i = 0; i < 10; i++) take(b, rate, 0);
    expect(waitMs(b, rate, 0)).toBe(6000);
  });
});

describe("client key", () => {
  const req = (ip?: string) => new Request("http://x/", { headers: ip ? { "CF-Connecting-IP": ip } : {} });
  it("uses the IPv4 address as it is, and one key per IPv6 /64", () => {
    expect(clientKey(req("203.0.113.7"))).toBe("203.0.113.7");
    expect(clientKey(req("2001:db8:1:2::1"))).toBe("2001:0db8:0001:0002::/64");
    expect(clientKey(req("2001:db8:1:2:aaaa:bbbb:cccc:dddd"))).toBe(clientKey(req("2001:db8:1:2::ffff")));
    expect(clientKey(req())).toBe("unknown");
  });
});

describe("nickname filter", () => {
  it("catches obfuscated profanity and leaves ordinary names alone", () => {
    expect(isOffensive("Sh1thead")).toBe(true);
    for (const spelled of ["f u c k", "s h i t", "c u n t", "a s s h o l e", "b i t c h", "f.u.c.k", "f_u_c_k", "F-U-C-K", "f u c k er"])
      expect(isOffensive(spelled), spelled).toBe(true);
    for (const ok of ["Bob", "Scunthorpe", "Cassandra", "Player 1", "Grape", "Cass Hole", "J R R Tolkien", "A B C", "Mr. T", "K.I.T.T."])
      expect(isOffensive(ok), ok).toBe(false);
  });

  it("suggests neutral, clean nicknames of at most 20 characters", () => {
    for (let i = 0; i < 200; i++) {
      const n = neutralNickname();
      expect(n.length).toBeLessThanOrEqual(20);
      expect(isOffensive(n)).toBe(false);
      expect(n).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+ \d{2}$/);
    }
  });
});
