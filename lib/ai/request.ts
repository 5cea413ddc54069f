/** The Generate form's input, shared by the page, the action, the JSON route and the service. */
import { z } from "zod";
import { safeLine } from "@/lib/validation";

export const generateRequestSchema = z.object({
  topic: safeLine().trim().min(2, "Enter a topic (at least 2 characters).").max(200, "Keep the topic under 200 characters."),
  difficulty: z.coerce.number().int().min(1).max(5).default(3),
  count: z.coerce.number().int().min(1, "Ask for at least 1 question.").max(20, "At most 20 questions per run.").default(5),
  level: z.coerce.number().int().min(1).max(5).default(3),
  materialIds: z.array(z.uuid()).max(100).default([]),
  preview: z.boolean().default(false),
});

/** One job's request: one topic. */
export type GenerateRequest = z.infer<typeof generateRequestSchema>;

/** Topics one request may start at once (one job each). */
export const MAX_BATCH_TOPICS = 5;

/**
 * What the page (the startGeneration action) and POST /api/generate take: one topic or several
 * (`topics`, one job each, the other settings shared). `topic` alone is read as `topics: [topic]`.
 */
export const startGenerationSchema = z.preprocess(
  (raw) => {
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) return raw;
    const r = raw as Record<string, unknown>;
    return r.topics === undefined && r.topic !== undefined ? { ...r, topics: [r.topic] } : r;
  },
  generateRequestSchema.omit({ topic: true }).extend({
    topics: z
      .array(generateRequestSchema.shape.topic)
      .min(1, "Enter a topic.")
      .max(MAX_BATCH_TOPICS, `At most ${MAX_BATCH_TOPICS} topics at once.`)
      .refine((t) => new Set(t.map((x) => x.toLowerCase())).size === t.length, "Each topic once."),
  }),
);
export type StartGenerationInput = z.input<typeof startGenerationSchema>;
export type StartGenerationRequest = z.output<typeof startGenerationSchema>;

