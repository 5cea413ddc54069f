/**
 * The bounds of one question, shared by the strict schema (schema.ts) and the streaming size check
 * (partial.ts). Zod-free on purpose: the Generate page's client code imports partial.ts, and these
 * numbers must not pull the validation library into the browser.
 */
export const MIN_OPTIONS = 4;
export const MAX_OPTIONS = 5;

/** Longest text, in characters, each field of a question may have. */
export const FIELD_MAX = {
  vignette: 4000,
  leadIn: 500,
  option: 400,
  explanation: 4000,
  optionExplanation: 2000,
  topic: 200,
  tag: 60,
  sourceQuote: 1500,
} as const;
