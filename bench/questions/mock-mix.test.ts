/**
 * The planted-flaw run of eval:questions as a test: a mock model writes good vignettes and items
 * with one known flaw each through the real pipeline; every flaw is dropped by the gate named and
 * every good item kept.
 */
import { expect, it } from "vitest";
import { runMockMix } from "./mock-mix";

it("catches every planted flaw with the gate named and keeps every good vignette", async () => {
  const { planted, good } = await runMockMix();
  expect(planted.length).toBeGreaterThanOrEqual(12);
  for (const r of [...planted, ...good]) expect(r.got, r.name).toMatch(new RegExp(`^${r.expected}( \\(|$)`));
  // Each gate is exercised at least once.
  const gates = new Set(planted.map((r) => r.expected));
  for (const g of ["lint", "solver", "off_topic", "duplicate_fact", "quote_not_in_source", "banned_option"]) expect(gates).toContain(g);
});
