import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PEER_HEADER, stampPeerAddress } from "@/lib/http/peer-address";
import { addressKey, clientIp } from "./client-ip";

const h = (xff?: string, peer?: string) =>
  new Headers({ ...(xff ? { "x-forwarded-for": xff } : {}), ...(peer ? { [PEER_HEADER]: peer } : {}) });

describe("clientIp", () => {
  it.each([
    // No trusted proxy: the socket's address, whatever X-Forwarded-For says.
    [h("203.0.113.9", "198.51.100.7"), 0, "198.51.100.7"],
    [h("1.1.1.1, 203.0.113.9", "198.51.100.7"), 0, "198.51.100.7"],
    [h(undefined, "198.51.100.7"), 0, "198.51.100.7"],
    [h("203.0.113.9"), 0, "unknown"], // never the header's word when no proxy is trusted
    [h(), 0, "unknown"],
    // One trusted proxy appending the peer it saw: a client-forged prefix is ignored.
    [h("6.6.6.6, 203.0.113.9", "10.0.0.2"), 1, "203.0.113.9"],
    [h("6.6.6.6, 203.0.113.9, 10.0.0.2", "10.0.0.3"), 2, "203.0.113.9"],
    // Fewer entries than hops (a proxy that did not append): the leftmost one.
    [h("203.0.113.9", "10.0.0.2"), 3, "203.0.113.9"],
    // A trusted proxy that sent no header at all: its own address.
    [h(undefined, "10.0.0.2"), 1, "10.0.0.2"],
  ])("%#", (headers, hops, ip) => expect(clientIp(headers, hops)).toBe(ip));
});

describe("addressKey", () => {
  it.each([
    ["203.0.113.9", "203.0.113.9"],
    ["::ffff:203.0.113.9", "203.0.113.9"],
    ["::FFFF:127.0.0.1", "127.0.0.1"],
    ["2001:db8:85a3:8d3:1319:8a2e:370:7348", "2001:db8:85a3:8d3::/64"],
    ["2001:db8:85a3:8d3:ffff::1", "2001:db8:85a3:8d3::/64"], // same /64: one key
    ["2001:0db8:0000:0001::1", "2001:db8:0:1::/64"],
    ["2001:db8::1", "2001:db8:0:0::/64"],
    ["[2001:db8::1]", "2001:db8:0:0::/64"],
    ["fe80::1%eth0", "fe80:0:0:0::/64"],
    ["::1", "0:0:0:0::/64"],
    ["unknown", "unknown"],
  ])("%s -> %s", (raw, key) => expect(addressKey(raw)).toBe(key));

  it("is what clientIp returns, from the socket or a trusted proxy's entry", () => {
    expect(clientIp(h(undefined, "2001:db8:1:2:aaaa::5"), 0)).toBe("2001:db8:1:2::/64");
    expect(clientIp(h("6.6.6.6, 2001:db8:1:2:bbbb::9", "10.0.0.2"), 1)).toBe("2001:db8:1:2::/64");
  });
});

describe("stampPeerAddress", () => {
  let server: http.Server;
  let port: number;
  beforeAll(async () => {
    stampPeerAddress();
    server = http.createServer((req, res) => res.end(JSON.stringify({ peer: req.headers[PEER_HEADER] ?? null })));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("writes the socket's address on every request, over anything the client sent", async () => {
    const res = await fetch(`http://127.0.0.1:${port}/`, {
      headers: { [PEER_HEADER]: "6.6.6.6", "x-forwarded-for": "7.7.7.7" },
    });
    expect(await res.json()).toEqual({ peer: "127.0.0.1" });
  });
});
