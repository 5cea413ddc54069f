"use client";
/**
 * The dashboard's weak areas: the five weakest topics (lib/analytics/weak-areas.ts), each with
 * "Generate more" (the Generate page prefilled with the topic), and "Study these": a tutor block of
 * these topics' due and incorrect questions.
 */
import Link from "next/link";
import { useRouter } from "next/navigation";
import { createBlockAction } from "@/app/(app)/blocks/actions";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { useAction } from "@/lib/actions/use-action";
import type { WeakArea } from "@/lib/analytics/weak-areas";

export function WeakAreas({ areas }: { areas: WeakArea[] }) {
  const router = useRouter();
  const create = useAction(createBlockAction, { unreachable: "The block could not be created. Try again." });
  // Once the block exists the button stays busy until its page opens.
  const pending = create.pending || create.data !== undefined;

  function study() {
    const topics = areas.map((a) => a.topic);
    void create.run({ mode: "tutor", count: 40, pool: "due_or_incorrect", topics }, { onSuccess: (b) => router.push(`/blocks/${b.id}`) });
  }

  return (
    <Card className="mt-4" data-testid="weak-areas">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-lg font-semibold">Weak areas</h2>
        {areas.length > 0 && (
          <Button type="button" onClick={study} disabled={pending}>
            {pending ? "Building a block…" : "Study these"}
          </Button>
        )}
      </div>
      {areas.length === 0 ? (
        <p className="mt-2 text-sm text-muted">Answer some questions and your weakest topics show up here.</p>
      ) : (
        <table className="mt-3 w-full text-left text-sm">
          <caption className="sr-only">Your five weakest topics, weakest first</caption>
          <thead className="text-xs text-muted">
            <tr>
              <th scope="col">Topic</th>
              <th scope="col">Accuracy</th>
              <th scope="col">Recent lapses</th>
              <th scope="col">Confidently wrong</th>
              <th scope="col"><span className="sr-only">Generate</span></th>
            </tr>
          </thead>
          <tbody>
            {areas.map((a) => (
              <tr key={a.topic} className="border-t border-slate-200 dark:border-slate-800" data-testid="weak-area">
                <th scope="row" className="py-2 font-medium">{a.topic}</th>
                <td>
                  {a.correct} / {a.answered} ({Math.round(a.accuracy * 100)} %)
                </td>
                <td>{a.recentLapses}</td>
                <td>{a.confidentlyWrong}</td>
                <td className="text-right">
                  <Link href={`/generate?topic=${encodeURIComponent(a.topic)}`} className={buttonClass("secondary", undefined, "sm")}>
                    Generate more<span className="sr-only"> on {a.topic}</span>
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {create.error && <Alert className="mt-3">{create.error.message}</Alert>}
    </Card>
  );
}
