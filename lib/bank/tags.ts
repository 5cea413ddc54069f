/**
 * Question tags: what a student types is normalised (trimmed, inner spaces collapsed, lower-case,
 * de-duplicated in first-seen order) before it is validated, so "Cardio ", "cardio" and "CARDIO"
 * are one tag. Used by the tag form, the action's zod schema and the bank's tag filter alike.
 */
import { z } from "zod";
import { MAX_TAG_LENGTH, MAX_TAGS } from "./limits";

export { MAX_TAG_LENGTH, MAX_TAGS };

/** Letters and digits from any script, with single spaces, hyphens, dots, slashes or plus signs inside. */
const TAG_PATTERN = /^[\p{L}\p{N}](?:[\p{L}\p{N} ._/+-]*[\p{L}\p{N}+])?$/u;

export function normaliseTag(raw: string): string {
  return raw.trim().replace(/\s+/g, " ").toLowerCase();
}

/** Normalises and de-duplicates; empty entries are dropped (a trailing comma is not an error). */
export function normaliseTags(raw: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const t of raw.map(normaliseTag)) if (t) seen.add(t);
  return [...seen];
}

/** Splits the text field ("cardio, ecg,  valves") into raw tags. */
export function splitTagInput(text: string): string[] {
  return text.split(/[,\n]/);
}

export const tagSchema = z
  .string()
  .transform(normaliseTag)
  .pipe(
    z
      .string()
      .min(1, "A tag cannot be empty.")
      .max(MAX_TAG_LENGTH, `A tag can be at most ${MAX_TAG_LENGTH} characters.`)
      .regex(TAG_PATTERN, "Tags may use letters, digits, spaces and - . / + only."),
  );

/** A whole tag list: a comma-separated string (a form) or an array (code). */
export const tagListSchema = z
  .union([z.string().transform(splitTagInput), z.array(z.string())])
  .transform(normaliseTags)
  .pipe(
    z
      .array(tagSchema)
      .max(MAX_TAGS, `A question can have at most ${MAX_TAGS} tags.`),
  );
