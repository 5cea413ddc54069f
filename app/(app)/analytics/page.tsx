import type { Metadata } from "next";
import Link from "next/link";
import { percent } from "@/components/charts/chart-frame";
import { DailyChart } from "@/components/charts/daily-chart";
import { SchedulerFit } from "@/components/charts/scheduler-fit";
import { MeterBarChart } from "@/components/charts/meter-bars";
import { type Series, StackedBarChart } from "@/components/charts/stacked-bars";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { CalibrationChart, LearningCurve, RetentionChart, ScheduleEffectiveness, TopicConfidenceTable } from "@/components/charts/insight-charts";
import { masteryByTopic } from "@/db/queries/analytics";
import { progressByDay } from "@/lib/analytics/service";
import { attemptSequence, scheduleByStatus, topicConfidence } from "@/db/queries/insights";
import { RETENTION_BUCKETS, attemptGroup, retentionBucket, tallyBy } from "@/lib/analytics/insights";
import { getProfile } from "@/db/queries/users";
import { requirePageUser } from "@/lib/auth/session";
import { now } from "@/lib/request-clock";
import { schedulerReport } from "@/lib/srs/scheduler-service";

export const metadata: Metadata = { title: "Analytics" };

const DAYS = 30;

const STATUS_SERIES: Series[] = [
  { key: "mastered", label: "Mastered", fillClass: "fill-emerald-500 dark:fill-emerald-400" },
  { key: "reviewing", label: "Reviewing", fillClass: "fill-sky-500 dark:fill-sky-400" },
  { key: "learning", label: "Learning", fillClass: "fill-amber-400 dark:fill-amber-300" },
  { key: "new", label: "New", fillClass: "fill-slate-300 dark:fill-slate-600" },
];

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

function Stat({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Card className="p-4">
      <p className="text-xs uppercase tracking-wide text-muted">{label}</p>
      <p className="mt-1 text-2xl font-semibold" data-testid={testId}>
        {value}
      </p>
    </Card>
  );
}

export default async function Page() {
  const user = await requirePageUser();
  const [topics, progress, report, profile, confidence, effectiveness] = await Promise.all([
    masteryByTopic(user.id),
    progressByDay(user.id, { now: await now(), days: DAYS }),
    schedulerReport(user.id),
    getProfile(user.id),
    topicConfidence(user.id),
    scheduleByStatus(user.id),
  ]);
  const sequence = await attemptSequence(user.id, progress.timeZone);
  const tally = (r: { answered: number; correct: number }) => r;
  const calibration = tallyBy(
    confidence.flatMap((t) => t.byConfidence),
    (c) => `Confidence ${c.confidence}`,
    tally,
    [1, 2, 3, 4, 5].map((c) => `Confidence ${c}`),
  );
  const curve = tallyBy(sequence, (r) => attemptGroup(r.nth), tally, [1, 2, 3, 4, 5].map(attemptGroup));
  const retention = tallyBy(sequence, (r) => (r.nth > 1 ? retentionBucket(r.gap) : null), tally, RETENTION_BUCKETS.map((b) => b.label));

  const header = <PageHeader title="Analytics" description="Mastery, calibration, schedule effectiveness, learning curve and retention." />;
  if (topics.length === 0 && progress.points.every((p) => p.answered === 0))
    return (
      <>
        {header}
        <EmptyState title="No data yet">
          Charts appear once you have questions and answer them.{" "}
          <Link href="/generate" className="font-medium text-link hover:underline">
            Generate questions
          </Link>{" "}
          or{" "}
          <Link href="/review" className="font-medium text-link hover:underline">
            start a review
          </Link>
          .
        </EmptyState>
      </>
    );

  const answered = progress.points.reduce((n, p) => n + p.answered, 0);
  const correct = progress.points.reduce((n, p) => n + p.correct, 0);
  const questions = topics.reduce((n, t) => n + t.total, 0);
  const mastered = topics.reduce((n, t) => n + t.mastered, 0);
  const activeDays = progress.points.filter((p) => p.answered > 0).length;

  return (
    <>
      {header}
      <div className="mb-6 grid grid-cols-2 gap-3 md:grid-cols-4">
        <Stat label={`Answers, last ${DAYS} days`} value={answered.toLocaleString("en-US")} testId="stat-answered" />
        <Stat label="Accuracy" value={answered ? percent(correct / answered) : "–"} testId="stat-accuracy" />
        <Stat label="Days studied" value={`${activeDays} / ${DAYS}`} testId="stat-days" />
        <Stat label="Mastered" value={`${mastered} / ${questions}`} testId="stat-mastered" />
      </div>
      <div className="grid grid-cols-[minmax(0,1fr)] gap-6 lg:grid-cols-2">
        {topics.length > 0 && (
          <StackedBarChart
            id="mastery"
            title="Mastery by topic"
            caption="Share of each topic's questions by review status (retired questions left out)."
            series={STATUS_SERIES}
            rows={topics.map((t) => ({
              label: t.topic,
              values: { mastered: t.mastered, reviewing: t.reviewing, learning: t.learning, new: t.new },
              note: `${t.mastered} of ${plural(t.total, "question")} mastered`,
            }))}
          />
        )}
        {topics.length > 0 && (
          <MeterBarChart
            id="accuracy-topic"
            title="Accuracy by topic"
            caption="Share of your answers that were correct, all time."
            fillClass="fill-brand-500"
            rows={topics.map((t) => ({
              label: t.topic,
              value: t.accuracy,
              note: t.answered ? `${t.correct} of ${plural(t.answered, "answer")}` : "not answered yet",
            }))}
          />
        )}
        {answered === 0 ? (
          <div className="lg:col-span-2">
            <EmptyState title={`No answers in the last ${DAYS} days`}>
              Progress over time appears here once you answer questions.{" "}
              <Link href="/review" className="font-medium text-link hover:underline">
                Start a review
              </Link>
            </EmptyState>
          </div>
        ) : (
          <>
            <DailyChart
              id="answers-day"
              title="Answers per day"
              caption={`Last ${DAYS} days, in your time zone (${progress.timeZone}).`}
              kind="columns"
              points={progress.points.map((p) => ({ day: p.day, value: p.answered }))}
              format={(v) => (Number.isInteger(v) ? String(v) : v.toFixed(1))}
              seriesClass="fill-brand-500 dark:fill-brand-100"
            />
            <DailyChart
              id="accuracy-day"
              title="Accuracy per day"
              caption="Days without answers are gaps, not zeros."
              kind="line"
              points={progress.points.map((p) => ({ day: p.day, value: p.accuracy }))}
              format={(v) => percent(v)}
              seriesClass="stroke-emerald-600 dark:stroke-emerald-400"
              dotClass="fill-emerald-600 dark:fill-emerald-400"
            />
          </>
        )}
        <TopicConfidenceTable topics={confidence} />
        <CalibrationChart rows={calibration} />
        <ScheduleEffectiveness rows={effectiveness} />
        <LearningCurve rows={curve} />
        <RetentionChart rows={retention} />
        <SchedulerFit report={report} scheduler={profile?.scheduler ?? "sm2"} />
      </div>
    </>
  );
}
