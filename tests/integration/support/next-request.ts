/**
 * A stand-in for `next/headers` in integration tests: the request's headers and cookie jar as Next
 * would provide them to a server action, and the cookies the code under test set or deleted.
 * Use with `vi.mock("next/headers", async () => (await import("./support/next-request")).nextHeaders)`.
 */
export const request = {
  headers: {} as Record<string, string>,
  cookies: new Map<string, string>(),
  /** Cookies written through cookies().set/delete, in order. */
  written: [] as { name: string; value: string; options?: Record<string, unknown> }[],
};

/** A fresh request from `peer` (the socket's address, as lib/http/peer-address stamps it). */
export function newRequest(opts: { peer?: string; forwardedFor?: string; cookie?: Record<string, string>; proto?: string } = {}) {
  request.headers = {
    host: "localhost:3000",
    "x-forwarded-proto": opts.proto ?? "http",
    ...(opts.peer ? { "x-studyin-peer": opts.peer } : {}),
    ...(opts.forwardedFor ? { "x-forwarded-for": opts.forwardedFor } : {}),
  };
  request.cookies = new Map(Object.entries(opts.cookie ?? {}));
  request.written = [];
}

function cookieHeader() {
  return [...request.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
}

export const nextHeaders = {
  headers: async () => new Headers({ ...request.headers, ...(request.cookies.size ? { cookie: cookieHeader() } : {}) }),
  cookies: async () => ({
    get: (name: string) => (request.cookies.has(name) ? { name, value: request.cookies.get(name)! } : undefined),
    getAll: () => [...request.cookies].map(([name, value]) => ({ name, value })),
    has: (name: string) => request.cookies.has(name),
    set: (name: string, value: string, options?: Record<string, unknown>) => {
      request.written.push({ name, value, options });
      if (value === "" || options?.maxAge === 0) request.cookies.delete(name);
      else request.cookies.set(name, value);
    },
    delete: (name: string) => {
      request.written.push({ name, value: "", options: { maxAge: 0 } });
      request.cookies.delete(name);
    },
  }),
};
