/** The Generate form's input, shared by the page, the route and the service. */
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

export type GenerateRequest = z.infer<typeof generateRequestSchema>;
