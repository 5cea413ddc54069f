/** How each block pool reads in the form, the list and the block's header (a type-only import: safe in client components). */
import type { BlockPool } from "@/db/schema/blocks";

export const POOL_LABELS: Record<BlockPool, string> = {
  all: "All questions",
  unused: "Unused (never answered)",
  incorrect: "Incorrect (last answer wrong)",
  marked: "Marked",
  flagged: "Flagged (reported)",
  due: "Due for review",
  due_or_incorrect: "Due or incorrect",
};
