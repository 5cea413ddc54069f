import { describe, expect, it } from "vitest";
import { clientIp } from "./config";

const h = (xff?: string) => new Headers(xff ? { "x-forwarded-for": xff } : {});

describe("clientIp", () => {
  it.each([
    // no proxy: the last entry (Next's own socket address when the client sent none)
    [h("203.0.113.9"), 0, "203.0.113.9"],
    [h("1.1.1.1, 203.0.113.9"), 0, "203.0.113.9"],
    // one trusted proxy appending the peer: a client-forged prefix is ignored
    [h("6.6.6.6, 203.0.113.9"), 1, "203.0.113.9"],
    [h("6.6.6.6, 203.0.113.9, 10.0.0.2"), 2, "203.0.113.9"],
    // fewer entries than hops: the first one
    [h("203.0.113.9"), 3, "203.0.113.9"],
    [h(), 0, "unknown"],
  ])("%#", (headers, hops, ip) => expect(clientIp(headers, hops)).toBe(ip));
});
