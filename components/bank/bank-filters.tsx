"use client";
/**
 * The bank's search and filters. A plain GET form (works without JavaScript): nothing applies until
 * Search or "Apply filters" submits it, so arrow keys in a menu only change the menu (WCAG 3.2.2).
 * With JavaScript the URL is built without empty parameters and focus lands on the results heading.
 * Every change starts again at page 1. The URL is the state: links can be shared and the back
 * button steps through searches.
 */
import Link from "next/link";
import { useRouter } from "next/navigation";
import { inputClass } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { BANK_SORTS, BANK_STATUSES, bankHref } from "@/lib/bank/href";
import type { BankQuery } from "@/lib/bank/query";
import { focusResultsNext } from "./results-heading";

type Option = { value: string; label: string };
export type BankFacetOptions = {
  topics: string[];
  tags: string[];
  materials: { id: string; title: string }[];
  collections: { id: string; name: string }[];
};

const STATUS_OPTIONS: Record<(typeof BANK_STATUSES)[number], string> = {
  new: "New",
  learning: "Learning",
  reviewing: "Reviewing",
  mastered: "Mastered",
  retired: "Retired",
};

function Select({ name, label, value, options, anyLabel }: { name: string; label: string; value?: string | number; options: Option[]; anyLabel?: string }) {
  return (
    <div className="min-w-0 space-y-1">
      <label htmlFor={`bank-filter-${name}`} className="block text-xs font-medium text-slate-600 dark:text-slate-400">
        {label}
      </label>
      <select
        id={`bank-filter-${name}`}
        name={name}
        defaultValue={value === undefined ? "" : String(value)}
        className={inputClass}
      >
        {anyLabel && <option value="">{anyLabel}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function BankFilters({ query, facets }: { query: BankQuery; facets: BankFacetOptions }) {
  const router = useRouter();
  const hasFilters = Boolean(query.q || query.topic || query.difficulty || query.status || query.tag || query.material || query.collection);
  return (
    <form
      action="/questions"
      method="get"
      role="search"
      aria-label="Search and filter questions"
      className="space-y-3"
      // Remount when the URL changes (back button) so the fields show the current state.
      key={bankHref(query)}
      onSubmit={(e) => {
        e.preventDefault();
        // Empty fields are left out; the server validates what is left (parseBankQuery).
        const params = new URLSearchParams();
        for (const [k, v] of new FormData(e.currentTarget).entries()) {
          if (typeof v === "string" && v.trim() !== "") params.set(k, v.trim());
        }
        const href = params.size ? `/questions?${params}` : "/questions";
        focusResultsNext();
        router.push(href);
      }}
    >
      <div className="flex gap-2">
        <label className="min-w-0 flex-1">
          <span className="sr-only">Search questions</span>
          <input
            type="search"
            name="q"
            defaultValue={query.q ?? ""}
            placeholder='Search, e.g. "SA node" -valve'
            className={inputClass}
            maxLength={200}
          />
        </label>
        <Button type="submit">Search</Button>
      </div>
      <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
        <Select name="topic" label="Topic" value={query.topic} anyLabel="All topics" options={facets.topics.map((t) => ({ value: t, label: t }))} />
        <Select
          name="difficulty"
          label="Difficulty"
          value={query.difficulty}
          anyLabel="Any"
          options={[1, 2, 3, 4, 5].map((d) => ({ value: String(d), label: `${d} of 5` }))}
        />
        <Select
          name="status"
          label="Status"
          value={query.status}
          anyLabel="Any status"
          options={BANK_STATUSES.map((s) => ({ value: s, label: STATUS_OPTIONS[s] }))}
        />
        <Select name="tag" label="Tag" value={query.tag} anyLabel="Any tag" options={facets.tags.map((t) => ({ value: t, label: `#${t}` }))} />
        <Select
          name="material"
          label="Material"
          value={query.material}
          anyLabel="All materials"
          options={facets.materials.map((m) => ({ value: m.id, label: m.title }))}
        />
        <Select
          name="collection"
          label="Collection"
          value={query.collection}
          anyLabel="All questions"
          options={facets.collections.map((c) => ({ value: c.id, label: c.name }))}
        />
        <Select
          name="sort"
          label="Sort"
          value={query.sort}
          // "" is the default order: best match while searching, newest otherwise.
          anyLabel={query.q ? BANK_SORTS.relevance : BANK_SORTS.newest}
          options={Object.entries(BANK_SORTS)
            .filter(([k]) => k !== "relevance" && (k !== "newest" || query.q))
            .map(([value, label]) => ({ value, label }))}
        />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" variant="secondary">
          Apply filters
        </Button>
        {hasFilters && (
          <Link href="/questions" className="inline-block text-sm text-link hover:underline">
            Clear search and filters
          </Link>
        )}
      </div>
    </form>
  );
}
