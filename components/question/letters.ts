/** The option letters, in order (A is option 0). */
export const LETTERS = ["A", "B", "C", "D", "E"] as const;
