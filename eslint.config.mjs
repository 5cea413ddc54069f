import next from "eslint-config-next";
import nextTs from "eslint-config-next/typescript";

/**
 * The layering (README, "Architecture"): a page or component calls an action or a route, which
 * calls a lib service, which calls db/queries; Server Components (page.tsx, layout.tsx) may read
 * through db/queries. `db/` knows no domain rule, and nothing that can reach the browser imports it.
 */
const dbMessage = "db/ imports only lib/env, lib/errors and db/: put domain logic in a lib service that calls the query.";
const clientMessage = "Components never import db/**: call an action or a route; response types live in lib/<domain>/types.ts.";
const noDb = { group: ["@/db", "@/db/**", "**/db/**"], message: clientMessage };

const config = [
  ...next,
  ...nextTs,
  { ignores: [".next*/**", "node_modules/**", ".data*/**", "db/migrations/**", "next-env.d.ts", "test-results/**", "playwright-report/**"] },
  {
    files: ["db/**/*.{ts,tsx,mts}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/lib/**", "!@/lib/env", "!@/lib/errors"], message: dbMessage },
            { group: ["@/app/**", "@/components/**", "@/bench/**", "@/e2e/**", "@/tests/**", "../lib/**", "../../lib/**"], message: dbMessage },
          ],
        },
      ],
    },
  },
  {
    // Actions and route handlers write through a lib service (reads too, so each edge stays thin);
    // the readiness probe asks the database itself.
    files: ["app/**/actions.ts", "app/api/**/route.ts"],
    ignores: ["app/api/health/route.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [{ ...noDb, message: "Actions and routes call a lib service, never db/**." }] }] },
  },
  {
    files: ["components/**/*.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", { patterns: [noDb] }] },
  },
  {
    // Everything in app/ that is not a Server Component page or layout, a route handler or a
    // server action file: error boundaries, not-found pages and the client pieces beside pages.
    files: ["app/**/*.tsx"],
    ignores: ["app/**/page.tsx", "app/**/layout.tsx"],
    rules: { "no-restricted-imports": ["error", { patterns: [noDb] }] },
  },
];
export default config;
