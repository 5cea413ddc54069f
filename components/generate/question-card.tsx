"use client";
/**
 * One generated question. While written: stem and options only. Once saved: the review's answer
 * card, so the student answers it here (recorded as a first attempt) or reveals it (nothing
 * recorded); its key, explanations and supporting quote are not rendered until then. Preview cards
 * show everything at once, with Accept and Discard, since their purpose is to vet the item.
 */
import { useId } from "react";
import { AnswerCard } from "@/components/question/answer-card";
import { LETTERS } from "@/lib/questions/letters";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { StreamedQuestion } from "@/lib/ai/partial";
import type { Card as CardState } from "./use-generation";
import { KeyedQuestion } from "./keyed-question";

type Complete = Extract<CardState, { state: "complete" }>;

export function QuestionCard({
  card,
  jobId,
  number,
  groupLabelId,
  preview,
  difficulty,
  today,
  onDecide,
  onShowAnswer,
}: {
  card: CardState;
  /** The job the card came from. */
  jobId: string;
  number: number;
  /** The id of what names the card's group (its topic's heading): "Question 1" is said in each topic. */
  groupLabelId?: string;
  preview: boolean;
  difficulty: number;
  /** The student's local date, for the answer feedback's "comes back tomorrow". */
  today: string;
  onDecide: (cardId: string, decision: "accepted" | "discarded", questionId?: string) => void;
  onShowAnswer: (cardId: string, how: "answered" | "revealed") => void;
}) {
  if (card.state === "writing")
    return (
      <Card data-testid="question-card" data-state="writing" aria-busy="true">
        <p className="mb-2 text-xs font-medium uppercase tracking-wide text-link">Question {number} · writing…</p>
        <StemAndOptions q={card.partial} />
      </Card>
    );

  if (card.view === "revealed") return <KeyedQuestion card={card} jobId={jobId} number={number} preview={preview} onDecide={onDecide} />;
  return <HiddenKey card={card} number={number} groupLabelId={groupLabelId} difficulty={difficulty} today={today} onShowAnswer={onShowAnswer} />;
}

function StemAndOptions({ q }: { q: StreamedQuestion }) {
  return (
    <>
      <p className="whitespace-pre-wrap text-sm">{q.vignette}</p>
      {q.leadIn && <p className="mt-2 text-sm font-medium">{q.leadIn}</p>}
      {q.options && q.options.length > 0 && (
        <ol className="mt-2 space-y-1 text-sm">
          {q.options.map((o, i) => (
            <li key={i}>
              {LETTERS[i]}. {o}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

/** A saved card whose key is not shown yet: answer it (the review's card) or reveal it. */
function HiddenKey({
  card,
  number,
  groupLabelId,
  difficulty,
  today,
  onShowAnswer,
}: {
  card: Complete;
  number: number;
  groupLabelId?: string;
  difficulty: number;
  today: string;
  onShowAnswer: (cardId: string, how: "answered" | "revealed") => void;
}) {
  const q = card.question;
  // Card ids repeat across the topics of a batch: the heading's id comes from React.
  const headingId = `generated${useId()}`;
  return (
    <section
      data-testid="question-card"
      data-state="complete"
      data-key={card.view}
      data-question-id={card.questionId}
      aria-labelledby={groupLabelId ? `${headingId} ${groupLabelId}` : headingId}
      className="space-y-2"
    >
      <h3 id={headingId} className="text-xs font-medium uppercase tracking-wide text-emerald-700 dark:text-emerald-400">
        Question {number}
        {card.view === "answered" ? " · answered" : ""}
      </h3>
      {card.questionId ? (
        <AnswerCard
          card={{
            id: card.questionId,
            topic: q.topic,
            difficulty,
            vignette: q.vignette,
            leadIn: q.leadIn,
            options: q.options,
            // The source line below names the material; the card need not say it twice.
            materialTitle: null,
            dueDate: null,
          }}
          today={today}
          shortcuts="card"
          headingLevel={3}
          onAnswered={() => onShowAnswer(card.id, "answered")}
        />
      ) : (
        // Saved without an id to answer against (should not happen): still no key until revealed.
        <Card>
          <StemAndOptions q={q} />
        </Card>
      )}
      {/* Once answered, the feedback cites the passage and there is nothing left to reveal. */}
      {card.view === "hidden" && (
        <div className="flex flex-wrap items-center justify-between gap-3 text-sm">
          <p className="text-xs text-muted" data-testid="question-source">
            From {q.source.label}
          </p>
          <div className="flex items-center gap-2">
            <span className="text-xs text-muted" id={`${headingId}-reveal-hint`}>
              Not recorded as an attempt
            </span>
            <Button type="button" variant="secondary" size="sm" aria-describedby={`${headingId}-reveal-hint`} onClick={() => onShowAnswer(card.id, "revealed")}>
              Reveal answer
            </Button>
          </div>
        </div>
      )}
    </section>
  );
}
