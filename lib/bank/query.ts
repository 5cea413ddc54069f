/**
 * The bank's state lives in the URL (shareable, and the back button works): this module turns
 * search params into a validated `BankQuery` and back. Anything unparseable falls back to its
 * default instead of failing the page: a hand-edited link still shows the bank.
 */
import { z } from "zod";
import { safeLine } from "@/lib/validation";
import { BANK_SORTS, BANK_STATUSES, type BankSort } from "./href";
import { normaliseTag } from "./tags";

export { BANK_SORTS, BANK_STATUSES, bankHref, bankQueryToParams, type BankSort } from "./href";

export const BANK_PAGE_SIZE = 20;

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optional = <T extends z.ZodType>(s: T) => z.preprocess(blankToUndefined, s.optional()).catch(undefined);

export const bankQuerySchema = z.object({
  q: optional(safeLine().trim().max(200)),
  topic: optional(safeLine().trim().max(200)),
  difficulty: optional(z.coerce.number().int().min(1).max(5)),
  status: optional(z.enum(BANK_STATUSES)),
  tag: optional(safeLine().max(100).transform(normaliseTag)),
  material: optional(z.uuid()),
  collection: optional(z.uuid()),
  sort: optional(z.enum(Object.keys(BANK_SORTS) as [BankSort, ...BankSort[]])),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
export type BankQuery = z.infer<typeof bankQuerySchema>;

type RawParams = Record<string, string | string[] | undefined> | URLSearchParams;

export function parseBankQuery(raw: RawParams): BankQuery {
  const flat: Record<string, string | undefined> = {};
  const entries = raw instanceof URLSearchParams ? [...raw.entries()] : Object.entries(raw);
  for (const [k, v] of entries) flat[k] = Array.isArray(v) ? v[0] : v;
  return bankQuerySchema.parse(flat);
}

/** The sort in effect: relevance only makes sense with a search, newest otherwise. */
export function effectiveSort(q: BankQuery): BankSort {
  if (q.sort === "relevance" && !q.q) return "newest";
  return q.sort ?? (q.q ? "relevance" : "newest");
}

export function pageCount(total: number, pageSize = BANK_PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / pageSize));
}
