/**
 * The OpenAPI document covers every route file under app/api, and is built from the very specs
 * (and so the zod schemas) the handlers parse with. Route files are found on disk, so a new route
 * that is not in the document fails here. Left out, and why: app/api/auth (Auth.js's own routes,
 * its protocol, not ours) and app/api/test (test hooks: 404 unless STUDYIN_TEST_HOOKS).
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import type { RouteHandler, RouteSpec } from "@/lib/http/route";
import { openApiDocument } from "./openapi";
import { BANK_SORTS } from "@/lib/bank/href";
import { API_ROUTES, answerQuestionRoute } from "./routes";

const API = path.resolve(__dirname, "../../app/api");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const UNDOCUMENTED = ["auth", "test"];

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? routeFiles(p) : e.name === "route.ts" ? [p] : [];
  });
}

/** app/api/questions/[id]/answer/route.ts -> /api/questions/{id}/answer */
const urlPath = (file: string) =>
  `/api/${path.relative(API, path.dirname(file)).split(path.sep).join("/")}`.replace(/\[([^\]]+)\]/g, "{$1}");

const files = routeFiles(API).map((file) => ({ file, path: urlPath(file) }));
const documented = files.filter((f) => !UNDOCUMENTED.includes(f.path.split("/")[2]!));
type Paths = Record<string, Record<string, { parameters?: { name: string; in: string }[]; requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown>; required?: string[] } }> } }>>;
const doc = openApiDocument() as unknown as { openapi: string; paths: Paths };

/** An object schema's keys; a preprocessed one (a pipe into an object) by its object's. */
const keys = (s: z.ZodType | undefined): string[] => {
  const pipe = s as unknown as { shape?: object; def?: { type?: string; out?: z.ZodType } } | undefined;
  if (pipe?.def?.type === "pipe") return keys(pipe.def.out);
  return Object.keys(pipe?.shape ?? {}).sort();
};

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 and finds the routes", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(documented.map((f) => f.path)).toEqual(expect.arrayContaining(["/api/questions", "/api/questions/{id}", "/api/reviews/due", "/api/openapi.json"]));
  });

  it.each(documented)("$path: every exported method is in the document, from the route's own spec", async ({ file, path: p }) => {
    const mod = (await import(file)) as Record<string, unknown>;
    const methods = METHODS.filter((m) => typeof mod[m] === "function");
    expect(methods.length).toBeGreaterThan(0);
    for (const method of methods) {
      expect(doc.paths[p]?.[method.toLowerCase()], `${method} ${p}`).toBeDefined();
      const spec = (mod[method] as Partial<RouteHandler>).spec;
      const registered = API_ROUTES.find((r) => r.path === p && r.method === method)!;
      expect(registered, `${method} ${p} has a spec`).toBeDefined();
      // Wrapped routes carry their spec: it must be the registered object, not a copy.
      expect(spec).toBe(registered);
    }
  });

  it("documents nothing that has no route file", () => {
    const onDisk = new Set(documented.map((f) => f.path));
    expect(Object.keys(doc.paths).filter((p) => !onDisk.has(p))).toEqual([]);
  });

  it.each(API_ROUTES.map((r) => [`${r.method} ${r.path}`, r] as [string, RouteSpec]))("%s: parameters and body come from its schemas", (_name, spec) => {
    const op = doc.paths[spec.path]![spec.method.toLowerCase()]!;
    const names = (where: string) => (op.parameters ?? []).filter((x) => x.in === where).map((x) => x.name).sort();
    expect(names("path")).toEqual(keys(spec.params));
    expect(names("query")).toEqual(keys(spec.query));
    const body = op.requestBody?.content["application/json"]?.schema;
    expect(Object.keys(body?.properties ?? {}).sort()).toEqual(keys(spec.body));
  });

  it("follows the schemas' rules, e.g. the answer body's bounds and the bank's sorts", () => {
    const answer = doc.paths["/api/questions/{id}/answer"]!.post!.requestBody!.content["application/json"]!.schema;
    expect(answer.required?.sort()).toEqual(keys(answerQuestionRoute.body));
    expect(answer.properties?.confidence).toMatchObject({ type: "integer", minimum: 1, maximum: 5 });
    const sort = doc.paths["/api/questions"]!.get!.parameters!.find((x) => x.name === "sort") as unknown as { schema: { enum: string[] } };
    expect(sort.schema.enum).toEqual(Object.keys(BANK_SORTS));
  });

  it("leaves out test hooks, which 404 unless STUDYIN_TEST_HOOKS", async () => {
    const hooks = files.filter((f) => f.path.startsWith("/api/test/"));
    expect(hooks.length).toBeGreaterThan(0);
    for (const { file } of hooks) {
      const mod = (await import(file)) as Record<string, Partial<RouteHandler>>;
      for (const m of METHODS) if (mod[m]) expect(mod[m].spec?.testHook, file).toBe(true);
    }
    expect(Object.keys(doc.paths).filter((p) => p.startsWith("/api/test"))).toEqual([]);
  });
});
