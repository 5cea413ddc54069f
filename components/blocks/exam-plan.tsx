/**
 * The dashboard's exam plan: days left, today's target, new questions a day, and the reviews now
 * scheduled per day until the exam (lib/srs/exam.ts). Without a date: a link to set one.
 */
import Link from "next/link";
import { DailyChart } from "@/components/charts/daily-chart";
import { Card } from "@/components/ui/card";
import type { ExamOutlook } from "@/lib/srs/types";

/** The chart shows at most this many days (the table under it has them all). */
const CHART_DAYS = 60;

export function ExamPlanCard({ outlook }: { outlook: ExamOutlook | null }) {
  if (!outlook)
    return (
      <Card className="mt-4" data-testid="exam-plan">
        <h2 className="text-lg font-semibold">Exam plan</h2>
        <p className="mt-1 text-sm text-muted">
          <Link href="/settings" className="font-medium text-link underline">
            Set your exam date
          </Link>{" "}
          to see days left, a daily target, and reviews until the exam.
        </p>
      </Card>
    );
  const { plan, forecast } = outlook;
  return (
    <div className="mt-4 space-y-4" data-testid="exam-plan">
      <Card>
        <h2 className="text-lg font-semibold">Exam plan</h2>
        <dl className="mt-2 grid grid-cols-2 gap-4 sm:grid-cols-4">
          <div>
            <dt className="text-xs text-muted">Days left</dt>
            <dd className="text-2xl font-semibold" data-testid="exam-days-left">
              {plan.daysLeft}
            </dd>
          </div>
          <div>
            <dt className="text-xs text-muted">Today&apos;s target</dt>
            <dd className="text-2xl font-semibold" data-testid="exam-today-target">
              {plan.todayTarget}
            </dd>
          </div>
          <div>
            <dt className="text-xs text-muted">New questions a day</dt>
            <dd className="text-2xl font-semibold">{plan.newPerDay}</dd>
          </div>
          <div>
            <dt className="text-xs text-muted">Not yet seen / seen once</dt>
            <dd className="text-2xl font-semibold">
              {plan.unseen} / {plan.seenOnce}
            </dd>
          </div>
        </dl>
        <p className="mt-2 text-xs text-muted">
          Exam on {plan.examDate}. New questions a day = unseen ÷ (days left − 1), so each gets a second look before the exam; reviews that
          would skip the last week are brought into it.
        </p>
      </Card>
      {forecast.length > 0 && forecast.some((f) => f.reviews > 0) ? (
        <DailyChart
          id="exam-forecast"
          title="Reviews scheduled until the exam"
          caption={`Reviews now due per day${forecast.length > CHART_DAYS ? ` (first ${CHART_DAYS} days)` : ""}; overdue ones count today. New answers add more.`}
          kind="columns"
          points={forecast.slice(0, CHART_DAYS).map((f) => ({ day: f.day, value: f.reviews }))}
          format={(v) => String(Math.round(v))}
          seriesClass="fill-brand-500 dark:fill-brand-100"
        />
      ) : (
        <p className="text-sm text-muted">No reviews scheduled before the exam yet.</p>
      )}
    </div>
  );
}
