import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { z } from "zod";
import { TimedBlockRunner, TutorBlockRunner } from "@/components/blocks/block-runner";
import { PageHeader } from "@/components/ui/page-header";
import { blockRunnerItems, findBlock } from "@/db/queries/blocks";
import { requirePageUser } from "@/lib/auth/session";
import { POOL_LABELS } from "@/lib/blocks/schemas";
import { studentToday } from "@/lib/srs/service";

export const metadata: Metadata = { title: "Block" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser();
  const id = z.uuid().safeParse((await params).id);
  const block = id.success ? await findBlock(user.id, id.data) : null;
  if (!block) notFound();
  if (block.status === "submitted") redirect(`/blocks/${block.id}/review`);
  const [items, today] = await Promise.all([blockRunnerItems(user.id, block.id), studentToday(user.id)]);
  return (
    <>
      <PageHeader
        title={block.mode === "timed" ? "Timed block" : "Tutor block"}
        description={`${block.questionCount} question${block.questionCount === 1 ? "" : "s"} · ${POOL_LABELS[block.criteria.pool] ?? block.criteria.pool}`}
      />
      {block.mode === "timed" ? (
        <TimedBlockRunner
          blockId={block.id}
          items={items}
          timeLimitSeconds={block.timeLimitSeconds!}
          elapsedSeconds={block.elapsedSeconds}
          currentPosition={block.currentPosition}
        />
      ) : (
        <TutorBlockRunner blockId={block.id} items={items} today={today} />
      )}
    </>
  );
}
