/**
 * The only way to write a route handler, as authedAction is for server actions: refuse a
 * cross-site state-changing request (lib/http/same-origin.ts), load the session (401), parse the
 * path parameters, query and JSON body with the route's zod schemas (the one validation error,
 * lib/errors.ts), run the handler, and map whatever it throws through the one error vocabulary to
 * a status (404, 429 with Retry-After, ...) without leaking internals. The route's spec is the one
 * the OpenAPI document is built from (lib/api/openapi.ts), so what is documented is what is parsed.
 */
import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { requireUser, type SessionUser } from "@/lib/auth/session";
import { AppError, errorResponse, notFound, toErrorShape, validationError } from "@/lib/errors";
import { hooksDisabledResponse, testHooksEnabled } from "@/lib/testing/hooks";
import { crossSiteRefusal } from "./same-origin";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** A documented response: its status, what it means, and (for JSON) its schema. */
export type ResponseSpec = { description: string; schema?: z.ZodType; contentType?: string };

/** A route's contract; the handler's input types are inferred from the schemas of the spec passed. */
export type RouteSpec = {
  method: HttpMethod;
  /** The path as OpenAPI writes it: `/api/questions/{id}` for app/api/questions/[id]/route.ts. */
  path: string;
  summary: string;
  description?: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** A multipart body the handler reads itself as it streams in: documented, never parsed here. */
  form?: z.ZodType;
  /** Success responses by status; the error responses are documented from the spec itself. */
  responses: Record<number, ResponseSpec>;
  /**
   * What a malformed id is reported as: a path parameter that fails `params`, or a body field named
   * in `idFields`, cannot name anything of the student's, so it is not_found like another user's id
   * ("That question" -> "That question was not found.").
   */
  missing?: string;
  idFields?: readonly string[];
  /** A test-only route: 404 unless STUDYIN_TEST_HOOKS, and left out of the OpenAPI document. */
  testHook?: boolean;
};

type Parsed<S> = S extends z.ZodType ? z.infer<S> : undefined;
export type RouteInput<S extends RouteSpec> = { params: Parsed<S["params"]>; query: Parsed<S["query"]>; body: Parsed<S["body"]> };
export type RouteContext = { req: Request };
type NextContext = { params: Promise<Record<string, string | string[] | undefined>> };

/** A handler returns data (sent as JSON with its spec's first status) or a Response of its own. */
export type RouteHandler = ((req: Request, ctx?: NextContext) => Promise<Response>) & { readonly spec: RouteSpec };

const PRIVATE = { "cache-control": "private, no-store" };

function failure(spec: RouteSpec, error: z.ZodError, where: "params" | "query" | "body"): AppError {
  if (where === "params") return notFound(spec.missing);
  const ids = spec.idFields ?? [];
  if (error.issues.some((i) => ids.includes(String(i.path.at(-1))))) return notFound(spec.missing);
  return validationError(error.issues);
}

async function readJson(req: Request): Promise<unknown> {
  const text = await req.text();
  if (text.trim() === "") return {}; // no body: the schema's defaults apply
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw validationError("The request body is not valid JSON.");
  }
}

/** The first value of each query parameter, as the bank's URL parser reads them. */
function queryObject(url: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new URL(url).searchParams) out[k] ??= v;
  return out;
}

function edge<S extends RouteSpec>(
  spec: S,
  handler: (input: RouteInput<S>, ctx: RouteContext & { user?: SessionUser }) => Promise<unknown>,
  authed: boolean,
): RouteHandler {
  const run = async (req: Request, ctx?: NextContext): Promise<Response> => {
    try {
      const refusal = crossSiteRefusal(req);
      if (refusal) throw refusal;
      if (spec.testHook && !testHooksEnabled()) return hooksDisabledResponse();
      const user = authed ? await requireUser() : undefined;
      const parse = async <T extends z.ZodType | undefined>(schema: T, raw: () => unknown, where: "params" | "query" | "body") => {
        if (!schema) return undefined;
        const r = schema.safeParse(await raw());
        if (!r.success) throw failure(spec, r.error, where);
        return r.data;
      };
      const input = {
        params: await parse(spec.params, async () => (await ctx?.params) ?? {}, "params"),
        query: await parse(spec.query, () => queryObject(req.url), "query"),
        body: await parse(spec.body, () => readJson(req), "body"),
      } as RouteInput<S>;
      const out = await handler(input, { req, user });
      if (out instanceof Response) return out;
      const status = Number(Object.keys(spec.responses)[0] ?? 200);
      return Response.json(out, { status, headers: PRIVATE });
    } catch (e) {
      unstable_rethrow(e);
      return errorResponse(toErrorShape(e));
    }
  };
  return Object.assign(run, { spec });
}

/** A route handler that needs a signed-in student (every route but health, the document and auth). */
export function authedRoute<S extends RouteSpec>(
  spec: S,
  handler: (input: RouteInput<S>, ctx: RouteContext & { user: SessionUser }) => Promise<unknown>,
): RouteHandler {
  return edge(spec, handler as (input: RouteInput<S>, ctx: RouteContext & { user?: SessionUser }) => Promise<unknown>, true);
}

/** The same edge without the session: for test hooks that act on the browser, not a student. */
export function publicRoute<S extends RouteSpec>(spec: S, handler: (input: RouteInput<S>, ctx: RouteContext) => Promise<unknown>): RouteHandler {
  return edge(spec, handler, false);
}
