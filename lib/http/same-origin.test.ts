import { describe, expect, it } from "vitest";
import { crossSiteRefusal } from "./same-origin";

const req = (method: string, headers: Record<string, string>) =>
  new Request("http://localhost:3000/api/x", { method, headers: { host: "localhost:3000", "x-forwarded-proto": "http", ...headers } });

describe("crossSiteRefusal", () => {
  it.each([
    // Allowed: same origin by Origin or Sec-Fetch-Site, or a non-browser client that sends neither.
    ["POST", { origin: "http://localhost:3000" }, undefined, true],
    ["POST", { origin: "http://localhost:3000", "sec-fetch-site": "same-origin" }, undefined, true],
    ["POST", { "sec-fetch-site": "same-origin" }, undefined, true],
    ["POST", { "sec-fetch-site": "none" }, undefined, true], // typed or bookmarked by the user
    ["POST", {}, undefined, true], // curl, a script: no ambient browser credentials to abuse
    ["DELETE", { origin: "http://localhost:3000" }, undefined, true],
    // Behind a TLS proxy that does not say so, the browser's https Origin still names this host.
    ["POST", { origin: "https://localhost:3000" }, undefined, true],
    ["POST", { origin: "https://study.example.com", "x-forwarded-host": "study.example.com" }, undefined, true],
    // Safe methods are never refused.
    ["GET", { origin: "https://evil.example", "sec-fetch-site": "cross-site" }, undefined, true],
    ["HEAD", { "sec-fetch-site": "cross-site" }, undefined, true],
    // Refused: another site, a sibling subdomain, an opaque origin, or a mismatch either way.
    ["POST", { origin: "https://evil.example" }, undefined, false],
    ["POST", { origin: "https://evil.example", "sec-fetch-site": "cross-site" }, undefined, false],
    ["POST", { "sec-fetch-site": "cross-site" }, undefined, false],
    ["POST", { "sec-fetch-site": "same-site" }, undefined, false],
    ["POST", { origin: "null" }, undefined, false],
    ["POST", { origin: "http://localhost:3000", "sec-fetch-site": "cross-site" }, undefined, false],
    ["POST", { origin: "http://localhost:3000.evil.example" }, undefined, false],
    ["POST", { origin: "http://localhost:3001" }, undefined, false],
    ["PUT", { origin: "https://evil.example" }, undefined, false],
    ["PATCH", { origin: "https://evil.example" }, undefined, false],
    ["DELETE", { origin: "https://evil.example" }, undefined, false],
    ["POST", { origin: "not a url" }, undefined, false],
    // With AUTH_URL set, the whole origin must match it (scheme and port too).
    ["POST", { origin: "https://study.example.com" }, "https://study.example.com", true],
    ["POST", { origin: "http://study.example.com" }, "https://study.example.com", false],
    ["POST", { origin: "http://localhost:3000" }, "https://study.example.com", false],
  ])("%s %j (AUTH_URL %s) allowed: %s", (method, headers, authUrl, allowed) => {
    const refusal = crossSiteRefusal(req(method, headers), authUrl);
    expect(refusal === null).toBe(allowed);
    if (refusal) expect(refusal.code).toBe("forbidden");
  });
});
