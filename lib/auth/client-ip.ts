/**
 * The client's address for per-IP limits (sign-in, sign-up, generation).
 *
 * With no trusted proxy (TRUSTED_PROXY_HOPS = 0, the default) it is the TCP peer's address, which a
 * client cannot choose. Next does not hand the socket to route handlers or actions: it only copies
 * the peer address into X-Forwarded-For when the request has none (base-server.js,
 * `x-forwarded-for ??= socket.remoteAddress`), so the header is the client's own word. The peer
 * address therefore comes from a header this server writes itself on every request, over whatever
 * the client sent (lib/http/peer-address.ts, installed by instrumentation.ts).
 *
 * With TRUSTED_PROXY_HOPS = N, each of N reverse proxies appends the address it saw to
 * X-Forwarded-For, so the Nth entry from the right is what the outermost trusted proxy saw; entries
 * left of it are the client's word and ignored.
 *
 * What is returned is the key limits count under: an IPv4 address (IPv4-mapped IPv6 unwrapped), or
 * for IPv6 the /64 it lies in, since one subscriber usually holds a whole /64 and could otherwise
 * rotate through it for fresh limits.
 */
import net from "node:net";
import { getEnv } from "@/lib/env";
import { PEER_HEADER } from "@/lib/http/peer-address";

let warned = false;

export function clientIp(headers: Headers, hops = getEnv().TRUSTED_PROXY_HOPS): string {
  const peer = headers.get(PEER_HEADER)?.trim() || null;
  if (hops > 0) {
    const chain = (headers.get("x-forwarded-for") ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    const ip = chain.length >= hops ? chain[chain.length - hops] : chain[0];
    if (ip) return addressKey(ip);
  }
  if (peer) return addressKey(peer);
  if (!warned) {
    warned = true;
    console.warn(`[client-ip] a request without the ${PEER_HEADER} header: per-IP limits share one "unknown" bucket (is instrumentation.ts running?)`);
  }
  return "unknown";
}

/** The key an address is limited under: IPv4 as it is, IPv6 by its /64 (see above). */
export function addressKey(address: string): string {
  const ip = address.trim().replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!net.isIPv6(ip)) return ip;
  const [head, tail = ""] = ip.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = ip.includes("::") && tail ? tail.split(":") : [];
  const groups = ip.includes("::") ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}
