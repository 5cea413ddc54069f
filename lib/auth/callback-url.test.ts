import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "./callback-url";

const origin = "http://localhost:3000";
const home = "/dashboard";

describe("safeCallbackUrl", () => {
  it.each([
    // Same-site paths are kept (query and fragment too), as ASCII.
    ["/review", "/review"],
    ["/questions?topic=heart&page=2", "/questions?topic=heart&page=2"],
    ["/questions#top", "/questions#top"],
    ["/questions/%2F%2Fevil.example", "/questions/%2F%2Fevil.example"],
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"], // stays an encoded path segment on this host
    ["/notes/caf%C3%A9", "/notes/caf%C3%A9"],
    ["/notes/café", "/notes/caf%C3%A9"], // never a non-ASCII Location header
    ["http://localhost:3000/review?x=1", "/review?x=1"], // absolute on our own origin
    // Other origins, in every spelling.
    ["https://evil.example", home],
    ["https://evil.example/review", home],
    ["http://localhost:3000@evil.example/", home],
    ["http://localhost:3001/review", home],
    ["https://localhost:3000/review", home],
    ["//evil.example", home],
    ["///evil.example", home],
    ["/\\evil.example", home],
    ["\\\\evil.example", home],
    ["\\/evil.example", home],
    ["/\\/evil.example", home],
    ["/review\\..\\..\\evil", home],
    ["/./\\evil.example", home],
    ["/.//evil.example", home], // normalises to //evil.example
    ["/%2e//evil.example", home],
    ["/%2E%2E//evil.example", home],
    ["/a/../..//evil.example", home],
    ["//evil%E3%80%82example", home],
    ["//evil\u3002example", home], // ideographic full stop
    ["/\uFF0F/evil.example", "/%EF%BC%8F/evil.example"], // fullwidth solidus is just a character in a path
    ["evil.example", home],
    ["review", home],
    ["javascript:alert(1)", home],
    ["JaVaScRiPt:alert(1)", home],
    ["/javascript:alert(1)", "/javascript:alert(1)"], // a path on our host, harmless
    ["data:text/html,<script>alert(1)</script>", home],
    ["mailto:a@evil.example", home],
    // Control characters and whitespace, raw or percent-encoded, anywhere.
    ["/\t/evil.example", home],
    ["/%09/evil.example", home],
    ["/\n/evil.example", home],
    ["/%0A/evil.example", home],
    ["/%0a/evil.example", home],
    ["/\r/evil.example", home],
    ["/%0D/evil.example", home],
    ["/review\r\nSet-Cookie: x=1", home],
    ["/%00/evil.example", home],
    ["/\u0000", home],
    ["/%7F", home],
    ["/ /evil.example", home],
    [" /review", home],
    ["/review ", home],
    ["/\u00A0/evil.example", home],
    ["/\u2028/evil.example", home],
    ["\t//evil.example", home],
    // Pages that must not be a destination after signing in.
    ["/sign-in", home],
    ["/sign-in?callbackUrl=/review", home],
    ["/sign-up", home],
    ["/./sign-in", home],
    ["/api/auth/signout", home],
    ["/API/../api/auth/signout", home],
    // Not a string, empty, or absurdly long.
    [undefined, home],
    [null, home],
    [["/review", "/evil"], home],
    ["", home],
    [`/${"a".repeat(2100)}`, home],
  ])("%j -> %s", (raw, expected) => expect(safeCallbackUrl(raw, origin)).toBe(expected));

  it("uses the fallback it is given, and accepts an origin with a path or trailing slash", () => {
    expect(safeCallbackUrl("https://evil.example", origin, "/review")).toBe("/review");
    expect(safeCallbackUrl("http://localhost:3000/review", "http://localhost:3000/")).toBe("/review");
    expect(safeCallbackUrl("https://study.example.com/review", "https://study.example.com/some/where")).toBe("/review");
  });

  it("never returns something a browser could read as another host", () => {
    const bad = ["//", "/\\", "\\"];
    for (const raw of ["/.//x", "/%2e/%2fx", "/%5C%5Cevil", "/%5c/evil", "/..%2f..%2fevil"]) {
      const got = safeCallbackUrl(raw, origin);
      expect(bad.some((b) => got.startsWith(b))).toBe(false);
      expect(new URL(got, origin).origin).toBe(origin);
    }
  });
});
