/**
 * The option letters, in order (A is option 0): a question has 4-5 options (lib/ai/limits.ts).
 * Imported by server and client code alike, so it stays free of any other import (the block pages'
 * bundle budget, bench/bundle).
 */
export const LETTERS = ["A", "B", "C", "D", "E"] as const;

export type Letter = (typeof LETTERS)[number];

/** The letter of option `i`; an index past E (only in a malformed item) is written as its number. */
export const optionLetter = (i: number): string => LETTERS[i] ?? String(i + 1);

/** The option index of a key ("a" or "A" is 0), or -1 when the key is not an option letter. */
export const letterIndex = (key: string): number => LETTERS.indexOf(key.toUpperCase() as Letter);
