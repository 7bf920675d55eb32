/**
 * The key a client is limited by: its IP as Cloudflare saw it (clients cannot set CF-Connecting-IP
 * through Cloudflare). IPv6 clients usually own a whole /64, so that is one key.
 */
export function clientKey(req: Request): string {
  const ip = req.headers.get("CF-Connecting-IP")?.trim() || "unknown";
  if (!ip.includes(":")) return ip;
  const groups = expandIpv6(ip);
  return groups ? `${groups.slice(0, 4).join(":")}::/64` : ip;
}

function expandIpv6(ip: string): string[] | null {
  const [head = "", tail] = ip.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const missing = 8 - left.length - right.length;
  if (missing < 0 || (tail === undefined && missing !== 0)) return null;
  return [...left, ...Array<string>(missing).fill("0"), ...right].map((g) => g.toLowerCase().padStart(4, "0"));
}
