import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { z } from "zod";
import { BlockReview } from "@/components/blocks/block-review";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { blockReviewItems, findBlock } from "@/db/queries/blocks";
import { requirePageUser } from "@/lib/auth/session";
import { POOL_LABELS } from "@/lib/blocks/schemas";

export const metadata: Metadata = { title: "Block review" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser();
  const id = z.uuid().safeParse((await params).id);
  const block = id.success ? await findBlock(user.id, id.data) : null;
  if (!block) notFound();
  // No key or explanation before the block ends.
  if (block.status !== "submitted") redirect(`/blocks/${block.id}`);
  const items = await blockReviewItems(user.id, block.id);
  return (
    <>
      <PageHeader
        title="Block review"
        description={`${block.mode === "timed" ? "Timed" : "Tutor"} block · ${POOL_LABELS[block.criteria.pool] ?? block.criteria.pool}`}
        actions={
          <Link href="/blocks" className={buttonClass("secondary")}>
            All blocks
          </Link>
        }
      />
      <BlockReview items={items} timeLimitSeconds={block.timeLimitSeconds} elapsedSeconds={block.elapsedSeconds} />
    </>
  );
}
