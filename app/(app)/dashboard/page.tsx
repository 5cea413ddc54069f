import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { ExamPlanCard } from "@/components/blocks/exam-plan";
import { WeakAreas } from "@/components/blocks/weak-areas";
import { topicEvidence } from "@/db/queries/insights";
import { dashboardStats, profileTimezone } from "@/db/queries/reviews";
import { LAPSE_WINDOW_DAYS, rankWeakAreas } from "@/lib/analytics/weak-areas";
import { examOutlook } from "@/lib/srs/exam-service";
import { requirePageUser } from "@/lib/auth/session";
import { now } from "@/lib/request-clock";
import { localDate } from "@/lib/dates";
import { currentStreak } from "@/lib/srs/streak";
import { levelProgress } from "@/lib/srs/xp";

export const metadata: Metadata = { title: "Dashboard" };

function Tile({ label, children, testId }: { label: string; children: React.ReactNode; testId: string }) {
  return (
    <Card>
      <div className="text-xs font-medium uppercase tracking-wide text-muted">{label}</div>
      <div className="mt-1 text-2xl font-semibold" data-testid={testId}>
        {children}
      </div>
    </Card>
  );
}

export default async function Page() {
  const user = await requirePageUser();
  const at = await now();
  const today = localDate(at, await profileTimezone(user.id));
  const [s, evidence, exam] = await Promise.all([dashboardStats(user.id, today, at), topicEvidence(user.id, new Date(at.getTime() - LAPSE_WINDOW_DAYS * 86_400_000)), examOutlook(user.id)]);
  const weak = rankWeakAreas(evidence, 5);
  const xp = s?.xp ?? 0;
  const lp = levelProgress(xp);
  const streak = s ? currentStreak(s, today) : 0;
  const recentPct = s && s.recent.answered ? Math.round((s.recent.correct / s.recent.answered) * 100) : null;

  return (
    <>
      <PageHeader
        title="Dashboard"
        description="Your progress at a glance."
        actions={
          <Link href="/review" className={buttonClass("primary")}>
            {s?.dueToday ? `Review ${s.dueToday} due` : "Open review"}
          </Link>
        }
      />
      <Card className="mb-4">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <div className="text-lg font-semibold">
            Level <span data-testid="dash-level">{lp.level}</span>
          </div>
          <div className="text-sm text-slate-600 dark:text-slate-400">
            <span data-testid="dash-xp">{xp.toLocaleString("en-US")}</span> XP ·{" "}
            <span data-testid="dash-to-next">{lp.toNext.toLocaleString("en-US")}</span> XP to level {lp.level + 1}
          </div>
        </div>
        <div
          role="progressbar"
          aria-label="Progress to the next level"
          aria-valuemin={0}
          aria-valuemax={lp.nextLevelXp - lp.levelStartXp}
          aria-valuenow={lp.intoLevel}
          className="mt-3 h-2 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800"
        >
          <div className="h-full rounded-full bg-brand-600" style={{ width: `${Math.round(lp.fraction * 100)}%` }} />
        </div>
      </Card>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <Tile label="Streak" testId="dash-streak">
          {streak} day{streak === 1 ? "" : "s"}
          <div className="text-sm font-normal text-muted">
            Best: <span data-testid="dash-best-streak">{s?.bestStreak ?? 0}</span>
          </div>
        </Tile>
        <Tile label="Due today" testId="dash-due">
          {s?.dueToday ?? 0}
        </Tile>
        <Tile label="Answered today" testId="dash-answered-today">
          {s?.answeredToday ?? 0}
        </Tile>
        <Tile label="Accuracy, last 7 days" testId="dash-accuracy">
          {recentPct === null ? "–" : `${recentPct}%`}
          <div className="text-sm font-normal text-muted">
            {s?.recent.answered ?? 0} answer{s?.recent.answered === 1 ? "" : "s"}
          </div>
        </Tile>
        <Tile label="All-time" testId="dash-total">
          {s?.totalAnswered ?? 0} answered
          <div className="text-sm font-normal text-muted">
            {s && s.totalAnswered ? Math.round((s.totalCorrect / s.totalAnswered) * 100) : 0}% correct
          </div>
        </Tile>
      </div>
      <ExamPlanCard outlook={exam} />
      <WeakAreas areas={weak} />
    </>
  );
}
