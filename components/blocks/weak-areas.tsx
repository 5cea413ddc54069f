"use client";
/**
 * The dashboard's weak areas: the five weakest topics (lib/analytics/weak-areas.ts), each with
 * "Generate more" (the Generate page prefilled with the topic), and "Study these": a tutor block of
 * these topics' due and incorrect questions.
 */
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { createBlockAction } from "@/app/(app)/blocks/actions";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { WeakArea } from "@/lib/analytics/weak-areas";

export function WeakAreas({ areas }: { areas: WeakArea[] }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function study() {
    setPending(true);
    setError(null);
    const res = await createBlockAction({ mode: "tutor", count: 40, pool: "due_or_incorrect", topics: areas.map((a) => a.topic) }).catch(() => null);
    if (res?.ok) return router.push(`/blocks/${res.data.id}`);
    setPending(false);
    setError(res ? res.error.message : "The block could not be created. Try again.");
  }

  return (
    <Card className="mt-4" data-testid="weak-areas">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-lg font-semibold">Weak areas</h2>
        {areas.length > 0 && (
          <Button type="button" onClick={() => void study()} disabled={pending}>
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
      {error && <Alert className="mt-3">{error}</Alert>}
    </Card>
  );
}
