import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { CreateBlockForm } from "@/components/blocks/create-block-form";
import { BlockList } from "@/components/blocks/block-list";
import { PageHeader } from "@/components/ui/page-header";
import { blockFacets, listBlocks } from "@/db/queries/blocks";
import { listCollections } from "@/db/queries/collections";
import { BLOCK_POOLS } from "@/db/schema/blocks";
import { requirePageUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Blocks" };

/** Prefill from a link (the dashboard's weak areas): ?topic=…&pool=…&mode=…&count=… */
const Prefill = z.object({
  topic: z.union([z.string(), z.array(z.string())]).optional().catch(undefined),
  pool: z.enum(BLOCK_POOLS).catch("all").default("all"),
  mode: z.enum(["tutor", "timed"]).catch("tutor").default("tutor"),
  count: z.coerce.number().int().min(1).max(40).catch(20).default(20),
});

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser();
  const prefill = Prefill.parse(await searchParams);
  const [facets, collections, blocks] = await Promise.all([blockFacets(user.id), listCollections(user.id), listBlocks(user.id)]);
  const topics = prefill.topic === undefined ? [] : Array.isArray(prefill.topic) ? prefill.topic : [prefill.topic];
  return (
    <>
      <PageHeader title="Blocks" description="Build a block of questions and work through it in tutor or timed mode, as in a Qbank." />
      <div className="space-y-8">
        {facets.topics.length === 0 ? (
          <p className="text-sm">
            You have no questions yet.{" "}
            <Link href="/generate" className="font-medium text-brand-700 underline dark:text-brand-100">
              Generate some
            </Link>{" "}
            to build a block.
          </p>
        ) : (
          <CreateBlockForm
            options={{ ...facets, collections: collections.map((c) => ({ id: c.id, name: c.name })) }}
            initial={{ topics, pool: prefill.pool, mode: prefill.mode, count: prefill.count }}
          />
        )}
        <BlockList blocks={blocks} />
      </div>
    </>
  );
}
