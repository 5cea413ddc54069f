"use client";
/** The end of a session: answered, accuracy, XP earned, streak, and what comes due tomorrow. */
import Link from "next/link";
import { useEffect, useRef } from "react";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { formatDay, relativeDay } from "@/lib/srs/format";

export type SummaryData = {
  answered: number;
  correct: number;
  xpEarned: number;
  streak: number | null;
  dueTomorrow: number | null;
  nextReview: string | null;
  today: string;
};

function Stat({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div>
      <dt className="text-xs uppercase tracking-wide text-muted">{label}</dt>
      <dd className="text-2xl font-semibold" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

export function SessionSummary({ data, source }: { data: SummaryData; source: string }) {
  const accuracy = data.answered ? Math.round((data.correct / data.answered) * 100) : 0;
  const heading = useRef<HTMLHeadingElement>(null);
  // The session's last action produced this: land on it (Tab goes on to its links).
  useEffect(() => heading.current?.focus(), []);
  return (
    <Card className="space-y-5" data-testid="session-summary">
      <h2 ref={heading} tabIndex={-1} className="text-lg font-semibold">
        Session complete
      </h2>
      <dl className="grid grid-cols-2 gap-4 sm:grid-cols-5">
        <Stat label="Answered" value={String(data.answered)} testId="summary-answered" />
        <Stat label="Accuracy" value={`${accuracy}%`} testId="summary-accuracy" />
        <Stat label="XP earned" value={`+${data.xpEarned}`} testId="summary-xp" />
        <Stat label="Streak" value={data.streak === null ? "–" : `${data.streak} day${data.streak === 1 ? "" : "s"}`} testId="summary-streak" />
        <Stat label="Due tomorrow" value={data.dueTomorrow === null ? "–" : String(data.dueTomorrow)} testId="summary-due-tomorrow" />
      </dl>
      {data.nextReview && (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Next review {relativeDay(data.nextReview, data.today)} ({formatDay(data.nextReview)}).
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        <Link href="/dashboard" className={buttonClass("primary")}>
          Back to dashboard
        </Link>
        {source !== "new" && (
          <Link href="/review?mode=new" className={buttonClass("secondary")}>
            Study new questions
          </Link>
        )}
      </div>
    </Card>
  );
}
