"use client";
/**
 * A tutor block: today's answer card, one question at a time, feedback after each answer through
 * the ordinary answer path; each answer is then linked to its block item. Resumes at the first
 * unanswered question.
 */
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import type { AnswerOutcome } from "@/lib/srs/types";
import type { BlockRunnerItem } from "@/lib/blocks/types";
import { linkTutorAnswerAction, submitBlockAction } from "@/app/(app)/blocks/actions";
import { AnswerCard } from "@/components/question/answer-card";
import { ProgressBar } from "@/components/review/progress-bar";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { useAction } from "@/lib/actions/use-action";
import { MarkButton } from "./mark-button";

export function TutorBlock({ blockId, items, today }: { blockId: string; items: BlockRunnerItem[]; today: string }) {
  const router = useRouter();
  const [answered, setAnswered] = useState(() => new Set(items.filter((i) => i.answered).map((i) => i.position)));
  const firstOpen = items.find((i) => !i.answered)?.position ?? items.length - 1;
  const [position, setPosition] = useState(firstOpen);
  const submit = useAction(submitBlockAction, { unreachable: "The block could not be finished. Try again." });
  const link = useAction(linkTutorAnswerAction, { unreachable: "This answer was recorded, but not linked to the block." });
  const error = (submit.error ?? link.error)?.message;
  const shownAt = useRef(0);
  useEffect(() => {
    shownAt.current = performance.now();
  }, [position]);
  const item = items[position]!;

  const { run: runSubmit } = submit;
  const finish = useCallback(() => {
    void runSubmit({ blockId }, { onSuccess: () => router.push(`/blocks/${blockId}/review`) });
  }, [runSubmit, blockId, router]);

  const { run: runLink } = link;
  const onAnswered = useCallback(
    (o: AnswerOutcome) => {
      setAnswered((s) => new Set(s).add(position));
      void runLink({
        blockId,
        position,
        attemptId: o.attemptId,
        timeSpentSeconds: Math.max(1, Math.round((performance.now() - shownAt.current) / 1000)),
      });
    },
    [runLink, blockId, position],
  );

  const onNext = useCallback(() => {
    const next = items.find((i) => i.position > position && !answered.has(i.position));
    if (!next) return finish();
    setPosition(next.position);
  }, [items, position, answered, finish]);

  const isLast = !items.some((i) => i.position > position && !answered.has(i.position));
  // Came back to a block whose every question is answered: only finishing is left.
  if (items.every((i) => i.answered))
    return (
      <div className="space-y-3" data-testid="tutor-block">
        <p>Every question in this block is answered.</p>
        {error && <Alert>{error}</Alert>}
        <button type="button" className={buttonClass()} onClick={finish}>
          Finish and review
        </button>
      </div>
    );
  return (
    <div className="space-y-4" data-testid="tutor-block">
      <ProgressBar done={answered.size} position={position + 1} total={items.length} />
      <div className="flex justify-end">
        <MarkButton key={item.card.id} questionId={item.card.id} initial={item.marked} />
      </div>
      {error && <Alert>{error}</Alert>}
      <AnswerCard
        key={item.card.id}
        card={item.card}
        today={today}
        onAnswered={onAnswered}
        onNext={onNext}
        nextLabel={isLast ? "Finish block" : "Next question"}
      />
    </div>
  );
}
