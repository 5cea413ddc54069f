/**
 * Every state-changing route handler under app/api refuses a cross-site request (403, the one
 * error shape) before it does anything; Auth.js's own route is left to its CSRF tokens. The route
 * files are found on disk, so a new route without the check fails here.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const API = path.resolve(__dirname, "../../app/api");
const MUTATING = ["POST", "PUT", "PATCH", "DELETE"] as const;

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? routeFiles(p) : e.name === "route.ts" ? [p] : [];
  });
}

const routes = routeFiles(API)
  .map((file) => ({ file, name: path.relative(API, file) }))
  .filter((r) => !r.name.startsWith(`auth${path.sep}`));

describe("cross-site requests to route handlers", () => {
  it("finds the routes", () => {
    expect(routes.map((r) => r.name)).toEqual(expect.arrayContaining(["generate/route.ts", "materials/route.ts", "questions/[id]/answer/route.ts"]));
  });

  it.each(routes)("$name: every mutating method answers 403 to another site", async ({ file }) => {
    const mod = (await import(file)) as Record<string, unknown>;
    const handlers = MUTATING.filter((m) => typeof mod[m] === "function");
    for (const method of handlers) {
      const handler = mod[method] as (req: Request, ctx: unknown) => Promise<Response>;
      const crossSite: Record<string, string>[] = [{ origin: "https://evil.example" }, { "sec-fetch-site": "cross-site" }, { origin: "null" }];
      for (const headers of crossSite) {
        const req = new Request("http://localhost:3000/api/x", {
          method,
          headers: { host: "localhost:3000", "content-type": "application/json", ...headers },
          body: "{}",
        });
        const res = await handler(req, { params: Promise.resolve({ id: "00000000-0000-4000-8000-000000000000" }) });
        expect(res.status, `${method} ${JSON.stringify(headers)}`).toBe(403);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe("forbidden");
      }
    }
  });
});
