/** Previous / next page links that keep every other filter in the URL. */
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { bankHref } from "@/lib/bank/href";
import type { BankQuery } from "@/lib/bank/query";

export function Pagination({ query, page, pages }: { query: BankQuery; page: number; pages: number }) {
  if (pages <= 1) return null;
  const link = (p: number, label: string, rel: "prev" | "next") => (
    <Link href={bankHref({ ...query, page: p })} rel={rel} className={buttonClass("secondary")}>
      {label}
    </Link>
  );
  return (
    <nav aria-label="Pages" className="mt-4 flex items-center justify-between gap-2">
      {page > 1 ? link(page - 1, "← Previous", "prev") : <span />}
      <span className="text-sm text-slate-600 dark:text-slate-400" data-testid="page-indicator">
        Page {page} of {pages}
      </span>
      {page < pages ? link(page + 1, "Next →", "next") : <span />}
    </nav>
  );
}
