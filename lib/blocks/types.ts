/** The blocks' response types, as pages and components see them (components never import db/**). */
export type { BlockReviewItem, BlockRunnerItem, BlockSummary } from "@/db/queries/blocks";
