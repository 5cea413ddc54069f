import type { Metadata } from "next";
import { cache } from "react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { AttemptHistory } from "@/components/bank/attempt-history";
import { DifficultyLabel, RetiredBadge, StatusBadge } from "@/components/bank/badges";
import { CollectionPicker } from "@/components/bank/collection-picker";
import { DeleteQuestion } from "@/components/bank/delete-question";
import { FlagForm } from "@/components/bank/flag-form";
import { QuestionView } from "@/components/bank/question-view";
import { TagEditor } from "@/components/bank/tag-editor";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { safeTimeZone } from "@/lib/dates";
import { listCollections } from "@/db/queries/collections";
import { getQuestionDetail } from "@/db/queries/questions";
import { markedAmong } from "@/db/queries/blocks";
import { MarkButton } from "@/components/blocks/mark-button";
import { getProfile } from "@/db/queries/users";
import { SchedulerForecast } from "@/components/question/scheduler-forecast";
import { requirePageUser } from "@/lib/auth/session";
import { now } from "@/lib/request-clock";
import { questionForecast } from "@/lib/srs/scheduler-service";

// One read per request, shared by the title and the page.
const loadDetail = cache(async (userId: string, id: string) => getQuestionDetail(userId, id));

/** A specific title: topic and the start of the lead-in (a tab list of questions stays readable). */
export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const user = await requirePageUser();
  const id = z.uuid().safeParse((await params).id);
  const detail = id.success ? await loadDetail(user.id, id.data) : null;
  if (!detail) return { title: "Question not found" };
  const lead = detail.question.leadIn;
  return { title: `${detail.question.topic}: ${lead.length > 60 ? `${lead.slice(0, 57)}…` : lead}` };
}

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser();
  const id = z.uuid().safeParse((await params).id);
  if (!id.success) notFound();
  const [detail, collections, profile, forecast, marked] = await Promise.all([
    loadDetail(user.id, id.data),
    listCollections(user.id),
    getProfile(user.id),
    questionForecast(user.id, id.data, await now()),
    markedAmong(user.id, [id.data]),
  ]);
  // Missing and someone else's look the same: 404.
  if (!detail) notFound();
  const q = detail.question;
  const timeZone = safeTimeZone(profile?.timezone);

  return (
    <>
      <Link href="/questions" className="text-sm text-link hover:underline">
        ← Question bank
      </Link>
      <div className="mb-4 mt-2 flex flex-wrap items-center gap-2">
        <h1 className="text-2xl font-semibold tracking-tight">{q.topic}</h1>
        <StatusBadge status={detail.status} />
        {q.retired && <RetiredBadge />}
        <DifficultyLabel difficulty={q.difficulty} />
        <MarkButton questionId={q.id} initial={marked.has(q.id)} />
      </div>
      {q.retired && (
        <Alert tone="warning" className="mb-4">
          This question was flagged as wrong too often and is retired: it no longer comes up in review sessions.
        </Alert>
      )}
      <div className="grid gap-6 lg:grid-cols-[1fr_18rem]">
        <div className="min-w-0 space-y-6">
          <QuestionView detail={detail} />
          <Card>
            <h2 className="mb-2 text-base font-semibold">Your answers</h2>
            <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
              {q.timesAnswered === 0
                ? "No answers yet."
                : `${q.timesAnswered} answered, ${q.timesCorrect} correct. Quality score ${Math.round(q.qualityScore * 100)} / 100.`}
              {detail.schedule?.nextReviewDate && (
                <>
                  {" "}Next review <span data-testid="next-review-date">{detail.schedule.nextReviewDate}</span>.
                </>
              )}
            </p>
            <AttemptHistory attempts={detail.attempts} timeZone={timeZone} />
          </Card>
          {forecast && (
            <Card>
              <h2 className="mb-2 text-base font-semibold">Memory forecast</h2>
              <SchedulerForecast
                testId="question-forecast"
                scheduler={forecast.scheduler}
                recallLabel="Predicted recall now"
                recall={forecast.recall}
                columns={[
                  { label: "Next interval if right", days: forecast.ifCorrect },
                  { label: "If wrong", days: forecast.ifWrong },
                ]}
              />
              <p className="mt-2 text-xs text-muted">
                {forecast.answeredToday
                  ? "You answered this today: another answer today is practice and leaves the schedule as it is; the intervals are the current ones. "
                  : "Intervals for an answer now (right at confidence 3, or wrong). "}
                SM-2 predicts no probability; its recall is read as 90% at its due date (0.9^(days since / interval)).
              </p>
            </Card>
          )}
        </div>
        <aside aria-label="Tags, collections and reports" className="space-y-4">
          <Card>
            <h2 className="mb-2 text-base font-semibold">Tags</h2>
            <TagEditor questionId={q.id} tags={q.tags} />
          </Card>
          <Card>
            <h2 className="mb-2 text-base font-semibold">Collections</h2>
            <CollectionPicker
              questionId={q.id}
              collections={collections.map((c) => ({ id: c.id, name: c.name }))}
              memberOf={detail.collectionIds}
            />
          </Card>
          <Card>
            <h2 className="mb-2 text-base font-semibold">Report a problem</h2>
            <FlagForm questionId={q.id} timesFlagged={q.timesFlagged} />
          </Card>
          <Card>
            <DeleteQuestion questionId={q.id} attempts={q.timesAnswered} />
          </Card>
        </aside>
      </div>
    </>
  );
}
