import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BankFilters } from "@/components/bank/bank-filters";
import { CollectionsPanel } from "@/components/bank/collections-panel";
import { Pagination } from "@/components/bank/pagination";
import { QuestionList } from "@/components/bank/question-list";
import { ResultsHeading } from "@/components/bank/results-heading";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { listCollections } from "@/db/queries/collections";
import { bankFacets } from "@/db/queries/questions";
import { listBank } from "@/lib/bank/service";
import { requirePageUser } from "@/lib/auth/session";
import { parseBankQuery } from "@/lib/bank/query";

export const metadata: Metadata = { title: "Questions" };

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser();
  const query = parseBankQuery(await searchParams);
  const [result, facets, collections] = await Promise.all([
    listBank(user.id, query),
    bankFacets(user.id),
    listCollections(user.id),
  ]);
  const filtered = Boolean(query.q || query.topic || query.difficulty || query.status || query.tag || query.material || query.collection);
  const bankIsEmpty = result.total === 0 && !filtered;
  const activeCollection = query.collection ? collections.find((c) => c.id === query.collection) : undefined;
  // A deleted or another student's collection is not found, like any other foreign id.
  if (query.collection && !activeCollection) notFound();

  return (
    <>
      <PageHeader
        title="Questions"
        description="Your question bank: search it, filter it, and open a question to see its history."
        actions={
          activeCollection && (
            <Link href={`/review?collection=${activeCollection.id}`} className={buttonClass()}>
              Study “{activeCollection.name}”
            </Link>
          )
        }
      />
      <div className="grid gap-6 lg:grid-cols-[1fr_18rem]">
        <div className="min-w-0 space-y-4">
          {bankIsEmpty ? (
            <EmptyState title="Your question bank is empty">
              Questions you generate from your material are listed here.{" "}
              <Link href="/generate" className="font-medium text-link hover:underline">
                Generate questions
              </Link>
            </EmptyState>
          ) : (
            <>
              <BankFilters
                query={query}
                facets={{ ...facets, collections: collections.map((c) => ({ id: c.id, name: c.name })) }}
              />
              <ResultsHeading>
                {result.total === 1 ? "1 question" : `${result.total.toLocaleString("en-US")} questions`}
                {filtered && " match"}
              </ResultsHeading>
              {result.rows.length === 0 ? (
                <EmptyState title="No questions match">
                  Try other words or fewer filters.{" "}
                  <Link href="/questions" className="font-medium text-link hover:underline">
                    Show all questions
                  </Link>
                </EmptyState>
              ) : (
                <QuestionList rows={result.rows} />
              )}
              <Pagination query={query} page={result.page} pages={result.pages} />
            </>
          )}
        </div>
        <aside aria-label="Collections">
          <CollectionsPanel collections={collections} />
        </aside>
      </div>
    </>
  );
}
