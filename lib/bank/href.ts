/**
 * The bank's URL vocabulary (sorts, statuses) and links built from a query. No zod here, so client
 * components (filters, pagination) can import it without shipping the validator to the browser;
 * parsing a URL into a query is query.ts, on the server.
 */
import type { ReviewStatus } from "@/db/schema/srs";
import type { BankQuery } from "./query";

export const BANK_SORTS = {
  newest: "Newest first",
  oldest: "Oldest first",
  hardest: "Hardest first",
  easiest: "Easiest first",
  quality: "Highest quality",
  answered: "Most answered",
  relevance: "Best match",
} as const;
export type BankSort = keyof typeof BANK_SORTS;

/** "retired" is not an SM-2 state but a filter students want next to them. */
export const BANK_STATUSES = ["new", "learning", "reviewing", "mastered", "retired"] as const satisfies readonly (
  | ReviewStatus
  | "retired"
)[];

/** Search params for a query, leaving out defaults so links stay short. */
export function bankQueryToParams(q: Partial<BankQuery>): URLSearchParams {
  const p = new URLSearchParams();
  const put = (k: string, v: string | number | undefined) => {
    if (v !== undefined && v !== "") p.set(k, String(v));
  };
  put("q", q.q);
  put("topic", q.topic);
  put("difficulty", q.difficulty);
  put("status", q.status);
  put("tag", q.tag);
  put("material", q.material);
  put("collection", q.collection);
  put("sort", q.sort);
  if (q.page && q.page > 1) put("page", q.page);
  return p;
}

export function bankHref(q: Partial<BankQuery>): string {
  const s = bankQueryToParams(q).toString();
  return s ? `/questions?${s}` : "/questions";
}

