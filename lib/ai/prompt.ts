/**
 * Prompt building: templates are rows (name, version, active, weight); the retrieved passages are
 * fenced as <material> data blocks the model must quote, never follow. Pure.
 */
import type { RetrievedChunk } from "@/lib/rag/types";

export const QUESTION_TEMPLATE_NAME = "nbme-item-writer";
/** Separates the system part of a template from the user part. */
export const USER_SECTION_MARKER = "---- user ----";

export type PromptTemplate = { id: string; name: string; version: number; template: string; weight: number };

export type PromptVars = {
  topic: string;
  difficulty: number;
  level: number;
  count: number;
  /** Lead-ins already written in this run, so a retry does not repeat them. */
  avoid: string[];
};

/** Weighted choice among active versions; `rand` in [0, 1). */
export function chooseTemplate<T extends { weight: number }>(templates: readonly T[], rand = Math.random()): T {
  if (templates.length === 0) throw new Error("No active prompt template");
  const total = templates.reduce((s, t) => s + Math.max(0, t.weight), 0);
  let x = rand * total;
  for (const t of templates) {
    x -= Math.max(0, t.weight);
    if (x < 0) return t;
  }
  return templates[templates.length - 1]!;
}

/** Material text cannot close or open a fence, whatever it contains. */
function escapeFence(s: string): string {
  return s.replace(/<\s*(\/?)\s*material/gi, "\u2039$1material");
}
const attr = (s: string) => s.replace(/["<>\n\r]/g, " ").slice(0, 200);

export function sourceLabel(c: Pick<RetrievedChunk, "materialTitle" | "pageStart" | "pageEnd">): string {
  if (c.pageStart == null) return c.materialTitle;
  return c.pageEnd && c.pageEnd !== c.pageStart
    ? `${c.materialTitle}, pp. ${c.pageStart}-${c.pageEnd}`
    : `${c.materialTitle}, p. ${c.pageStart}`;
}

export function fenceMaterial(chunks: readonly RetrievedChunk[]): string {
  return chunks
    .map(
      (c) =>
        `<material id="${attr(c.chunkId)}" source="${attr(sourceLabel(c))}"${c.heading ? ` heading="${attr(c.heading)}"` : ""}>\n` +
        `${escapeFence(c.content)}\n</material>`,
    )
    .join("\n\n");
}

const DIFFICULTY_WORDS = ["", "very easy (recall)", "easy", "moderate", "hard", "very hard (multi-step reasoning)"];

/** Fills a template's {{placeholders}}; returns the system and user messages. */
export function renderPrompt(template: string, chunks: readonly RetrievedChunk[], v: PromptVars) {
  const values: Record<string, string> = {
    topic: v.topic.replace(/[\r\n]+/g, " "),
    difficulty: `${v.difficulty} of 5, ${DIFFICULTY_WORDS[v.difficulty] ?? ""}`,
    level: `${v.level} of 5`,
    count: String(v.count),
    material: fenceMaterial(chunks),
    avoid: v.avoid.length ? v.avoid.map((a) => `- ${a.replace(/[\r\n]+/g, " ")}`).join("\n") : "(none)",
  };
  // One pass, so text inside the values (e.g. a passage containing "{{topic}}") is never re-expanded.
  const filled = template.replace(/\{\{(\w+)\}\}/g, (m, k: string) => values[k] ?? m);
  const at = filled.indexOf(USER_SECTION_MARKER);
  if (at < 0) return { system: undefined, prompt: filled.trim() };
  return { system: filled.slice(0, at).trim(), prompt: filled.slice(at + USER_SECTION_MARKER.length).trim() };
}
