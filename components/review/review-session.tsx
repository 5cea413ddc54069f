"use client";
/**
 * A study session, one card at a time: the due list (default), new questions, or a collection.
 * Every answer is recorded as it is given, so leaving mid-session loses nothing; coming back
 * starts again from what is still due. Ends with a summary.
 */
import { Suspense, lazy, useCallback, useState } from "react";
import type { AnswerOutcome, StudyCard } from "@/lib/srs/types";
import { nextCardAction, sessionOutlookAction } from "@/app/(app)/review/actions";
import { AnswerCard } from "@/components/question/answer-card";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useAction } from "@/lib/actions/use-action";
import { ProgressBar } from "./progress-bar";
import type { SummaryData } from "./session-summary";

// Shown once, at the end: its code loads then, which keeps the review page within its bundle budget
// (bench/bundle).
const SessionSummary = lazy(() => import("./session-summary").then((m) => ({ default: m.SessionSummary })));

export type SessionSourceKind = "due" | "new" | "collection";

export function ReviewSession({
  source,
  collectionId,
  initialCard,
  initialRemaining,
  today,
}: {
  source: SessionSourceKind;
  collectionId?: string;
  initialCard: StudyCard;
  initialRemaining: number;
  today: string;
}) {
  const [card, setCard] = useState<StudyCard | null>(initialCard);
  const [remaining, setRemaining] = useState(initialRemaining);
  const [answered, setAnswered] = useState<string[]>([]);
  const [correct, setCorrect] = useState(0);
  const [xp, setXp] = useState(0);
  const [streak, setStreak] = useState<number | null>(null);
  const [currentDone, setCurrentDone] = useState(false);
  const next = useAction(nextCardAction, { unreachable: "The next question could not be loaded. Press Enter to try again." });
  const outlook = useAction(sessionOutlookAction);
  const loading = next.pending || outlook.pending;
  const [summary, setSummary] = useState<SummaryData | null>(null);
  // What a screen reader hears when the card changes or the session ends (the region stays mounted).
  const [announcement, setAnnouncement] = useState("");
  const [moved, setMoved] = useState(false);

  const onAnswered = useCallback(
    (o: AnswerOutcome) => {
      setCurrentDone(true);
      if (o.replayed && answered.includes(o.questionId)) return;
      setAnswered((a) => [...a, o.questionId]);
      if (o.isCorrect) setCorrect((n) => n + 1);
      setXp((n) => n + (o.replayed ? 0 : o.xpEarned));
      setStreak(o.profile.streak);
      // No router.refresh() here: re-rendering the page would replace this session (and its summary)
      // once nothing is left to study. The header's XP, level and streak follow at once anyway: the
      // answer card announces the profile the server returned (components/shell/profile-events.ts).
    },
    [answered],
  );

  const { run: runNext } = next;
  const { run: runOutlook } = outlook;
  const onNext = useCallback(async () => {
    if (loading) return;
    const res = await runNext({ source, collectionId, exclude: answered });
    if (!res.ok) return;
    if (res.data.card) {
      setCard(res.data.card);
      setRemaining(res.data.remaining);
      setCurrentDone(false);
      setMoved(true);
      setAnnouncement(`Question ${answered.length + 1} of ${answered.length + res.data.remaining}.`);
      return;
    }
    // The outlook is a nicety: without it the summary still shows, without tomorrow's figures.
    const ahead = await runOutlook({});
    setAnnouncement(
      `Session complete: ${answered.length} answered, ${answered.length ? Math.round((100 * correct) / answered.length) : 0}% correct, +${xp} XP.`,
    );
    setSummary({
      answered: answered.length,
      correct,
      xpEarned: xp,
      streak,
      dueTomorrow: ahead.ok ? ahead.data.dueTomorrow : null,
      nextReview: ahead.ok ? ahead.data.nextReview : null,
      today,
    });
    setCard(null);
  }, [loading, runNext, runOutlook, source, collectionId, answered, correct, xp, streak, today]);

  const live = (
    <p className="sr-only" role="status" data-testid="session-announcement">
      {announcement}
    </p>
  );
  if (summary || !card)
    return (
      <>
        {summary && (
          <Suspense fallback={null}>
            <SessionSummary data={summary} source={source} />
          </Suspense>
        )}
        {live}
      </>
    );

  // `remaining` counts the current card, so the total is what was answered before it plus that.
  const before = answered.length - (currentDone ? 1 : 0);
  const total = before + remaining;
  return (
    <div className="space-y-4">
      <ProgressBar done={answered.length} position={before + 1} total={total} />
      {next.error && (
        <Alert>
          {next.error.message}{" "}
          <Button variant="secondary" type="button" onClick={() => void onNext()}>
            Try again
          </Button>
        </Alert>
      )}
      <AnswerCard
        key={card.id}
        card={card}
        today={today}
        onAnswered={onAnswered}
        onNext={() => void onNext()}
        nextLabel={loading ? "Loading…" : remaining > 1 ? "Next question" : "Finish session"}
        autoFocus={moved}
      />
      {live}
    </div>
  );
}
