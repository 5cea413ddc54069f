/** Analytics' response types, as pages and components see them (components never import db/**). */
export type { TopicMastery } from "@/db/queries/analytics";
export type { TopicConfidence } from "@/db/queries/insights";
