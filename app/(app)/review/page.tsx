import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { ReviewSession, type SessionSourceKind } from "@/components/review/review-session";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { findCollection, newCards, newCount, nextReviewDate } from "@/db/queries/reviews";
import { requirePageUser } from "@/lib/auth/session";
import { formatDay, relativeDay } from "@/lib/srs/format";
import { nextCard, studentToday } from "@/lib/srs/service";

export const metadata: Metadata = { title: "Review" };

const Params = z.object({
  // A repeated parameter arrives as an array: treat it as a malformed id (404 below), not a crash.
  collection: z.string().optional().catch("invalid"),
  mode: z.enum(["due", "new"]).catch("due").optional(),
});

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser();
  const params = Params.parse(await searchParams);
  const today = await studentToday(user.id);

  let source: SessionSourceKind = params.mode === "new" ? "new" : "due";
  let title = params.mode === "new" ? "New questions" : "Due today";
  let collectionId: string | undefined;
  if (params.collection !== undefined) {
    // Another student's (or a malformed) collection id is simply not found.
    const id = z.uuid().safeParse(params.collection);
    const collection = id.success ? await findCollection(user.id, id.data) : null;
    if (!collection) notFound();
    source = "collection";
    collectionId = collection.id;
    title = `Collection: ${collection.name}`;
  }

  const first = await nextCard(user.id, { source, collectionId, exclude: [] }, today);

  return (
    <>
      <PageHeader title="Review" description={title} />
      {first.card ? (
        <ReviewSession
          key={`${source}:${collectionId ?? ""}`}
          source={source}
          collectionId={collectionId}
          initialCard={first.card}
          initialRemaining={first.remaining}
          today={today}
        />
      ) : source === "due" ? (
        <NothingDue userId={user.id} today={today} />
      ) : (
        <EmptyState title={source === "new" ? "No new questions" : "Nothing to study in this collection"}>
          {source === "new" ? "Every question you have has been answered at least once. " : "Add questions to it from the Questions page. "}
          <Link href="/generate" className="font-medium text-link underline">
            Generate more questions
          </Link>
        </EmptyState>
      )}
    </>
  );
}

async function NothingDue({ userId, today }: { userId: string; today: string }) {
  const [next, fresh, freshCount] = await Promise.all([nextReviewDate(userId, today), newCards(userId, 3), newCount(userId)]);
  return (
    <div className="space-y-4" data-testid="nothing-due">
      <EmptyState title="Nothing due today">
        {next ? (
          <span data-testid="next-review-date">
            Your next review is {relativeDay(next, today)} ({formatDay(next)}).
          </span>
        ) : (
          "No reviews are scheduled yet: questions you answer come back here on their SM-2 schedule."
        )}
      </EmptyState>
      {freshCount > 0 ? (
        <div className="rounded-xl border border-slate-200 p-5 dark:border-slate-800">
          <h2 className="font-semibold">
            <span data-testid="new-count">{freshCount}</span> new question{freshCount === 1 ? "" : "s"} to study
          </h2>
          <ul className="mt-2 list-disc pl-5 text-sm text-slate-600 dark:text-slate-400">
            {fresh.map((q) => (
              <li key={q.id}>
                {q.topic}: {q.leadIn}
              </li>
            ))}
          </ul>
          <Link href="/review?mode=new" className={buttonClass("primary", "mt-4")}>
            Study new questions
          </Link>
        </div>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          <Link href="/generate" className="font-medium text-link underline">
            Generate questions
          </Link>{" "}
          from your material to start studying.
        </p>
      )}
    </div>
  );
}
