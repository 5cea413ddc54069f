/** The student's blocks, newest first: mode, pool, score, and a link to resume or review. */
import Link from "next/link";
import type { BlockSummary } from "@/lib/blocks/types";
import { EmptyState } from "@/components/ui/empty-state";
import { POOL_LABELS } from "@/lib/blocks/schemas";

const fmt = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export function BlockList({ blocks }: { blocks: BlockSummary[] }) {
  if (blocks.length === 0) return <EmptyState title="No blocks yet">Blocks you create are kept here with their scores.</EmptyState>;
  return (
    <section aria-labelledby="blocks-title">
      <h2 id="blocks-title" className="mb-2 text-lg font-semibold">
        Your blocks
      </h2>
      <table className="w-full text-left text-sm" data-testid="block-list">
        <thead className="text-xs text-muted">
          <tr>
            <th scope="col" className="py-1">Created (UTC)</th>
            <th scope="col">Mode</th>
            <th scope="col">Pool</th>
            <th scope="col">Questions</th>
            <th scope="col">Score</th>
            <th scope="col"><span className="sr-only">Open</span></th>
          </tr>
        </thead>
        <tbody>
          {blocks.map((b) => {
            const done = b.status === "submitted";
            return (
              <tr key={b.id} className="border-t border-slate-200 dark:border-slate-800">
                <td className="py-2">{fmt.format(b.createdAt)}</td>
                <td className="capitalize">{b.mode}</td>
                <td>{POOL_LABELS[b.criteria.pool] ?? b.criteria.pool}{b.criteria.topics.length ? ` · ${b.criteria.topics.join(", ")}` : ""}</td>
                <td>{b.questionCount}</td>
                <td>{done ? `${b.correct} / ${b.questionCount} (${Math.round((100 * b.correct) / b.questionCount)} %)` : `${b.answered} answered`}</td>
                <td>
                  <Link href={done ? `/blocks/${b.id}/review` : `/blocks/${b.id}`} className="font-medium text-link underline">
                    {done ? "Review" : "Resume"}
                  </Link>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
