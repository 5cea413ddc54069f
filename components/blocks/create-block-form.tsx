"use client";
/**
 * "Create a block": how many questions, from which topics / materials / tags / collections, which
 * pool, tutor or timed. Initial values come from the URL (the dashboard's "Study these" prefills).
 */
import { useRouter } from "next/navigation";
import { useState } from "react";
import { createBlockAction } from "@/app/(app)/blocks/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { inputClass } from "@/components/ui/field";
import { useAction } from "@/lib/actions/use-action";
import { POOL_LABELS } from "@/lib/blocks/pools";

const POOLS = Object.entries(POOL_LABELS);

export type BlockFormOptions = {
  topics: string[];
  tags: string[];
  materials: { id: string; title: string }[];
  collections: { id: string; name: string }[];
};

export function CreateBlockForm({
  options,
  initial,
}: {
  options: BlockFormOptions;
  initial: { topics: string[]; pool: string; mode: "tutor" | "timed"; count: number };
}) {
  const router = useRouter();
  const [mode, setMode] = useState(initial.mode);
  const create = useAction(createBlockAction, { unreachable: "The block could not be created. Check your connection and try again." });
  // Once the block exists the form stays busy until its page opens.
  const pending = create.pending || create.data !== undefined;

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    void create.run(new FormData(e.currentTarget), { onSuccess: (b) => router.push(`/blocks/${b.id}`) });
  }

  const multi = "min-h-24";
  return (
    <Card>
      <form onSubmit={onSubmit} className="space-y-4" aria-labelledby="create-block-title" data-testid="create-block-form">
        <h2 id="create-block-title" className="text-lg font-semibold">
          Create a block
        </h2>
        <fieldset className="space-y-1">
          <legend className="text-sm font-medium">Mode</legend>
          <div className="flex flex-wrap gap-4 text-sm">
            <label className="flex items-center gap-2">
              <input type="radio" name="mode" value="tutor" checked={mode === "tutor"} onChange={() => setMode("tutor")} />
              Tutor (explanation after each answer)
            </label>
            <label className="flex items-center gap-2">
              <input type="radio" name="mode" value="timed" checked={mode === "timed"} onChange={() => setMode("timed")} />
              Timed (countdown, results at the end)
            </label>
          </div>
        </fieldset>
        <div className="grid gap-4 sm:grid-cols-3">
          <label className="block space-y-1">
            <span className="text-sm font-medium">Questions (1-40)</span>
            <input name="count" type="number" min={1} max={40} defaultValue={initial.count} required className={inputClass} />
          </label>
          <label className="block space-y-1">
            <span className="text-sm font-medium">Pool</span>
            <select name="pool" defaultValue={initial.pool} className={inputClass}>
              {POOLS.map(([v, l]) => (
                <option key={v} value={v}>
                  {l}
                </option>
              ))}
            </select>
          </label>
          {mode === "timed" && (
            <label className="block space-y-1">
              <span className="text-sm font-medium">Seconds per question</span>
              <input name="secondsPerQuestion" type="number" min={10} max={600} defaultValue={90} className={inputClass} />
            </label>
          )}
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          {options.topics.length > 0 && (
            <label className="block space-y-1">
              <span className="text-sm font-medium">Topics (none chosen = all)</span>
              <select name="topics" multiple defaultValue={initial.topics} className={`${inputClass} ${multi}`}>
                {options.topics.map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </select>
            </label>
          )}
          {options.materials.length > 0 && (
            <label className="block space-y-1">
              <span className="text-sm font-medium">Materials</span>
              <select name="materialIds" multiple className={`${inputClass} ${multi}`}>
                {options.materials.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.title}
                  </option>
                ))}
              </select>
            </label>
          )}
          {options.tags.length > 0 && (
            <label className="block space-y-1">
              <span className="text-sm font-medium">Tags</span>
              <select name="tags" multiple className={`${inputClass} ${multi}`}>
                {options.tags.map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </select>
            </label>
          )}
          {options.collections.length > 0 && (
            <label className="block space-y-1">
              <span className="text-sm font-medium">Collections</span>
              <select name="collectionIds" multiple className={`${inputClass} ${multi}`}>
                {options.collections.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
        {create.error && <Alert>{create.error.message}</Alert>}
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Start block"}
        </Button>
      </form>
    </Card>
  );
}
