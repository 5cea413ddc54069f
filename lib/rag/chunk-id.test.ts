import { expect, test } from "vitest";
import { chunkIdFor } from "./ingest";

const M = "6f1c2a3e-0000-4000-8000-000000000001";

test("a passage's id is the same on every run, UUID-shaped, and differs by material and position", () => {
  expect(chunkIdFor(M, 0)).toBe(chunkIdFor(M, 0));
  expect(chunkIdFor(M, 0)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  const ids = new Set([0, 1, 2, 1000].map((i) => chunkIdFor(M, i)));
  ids.add(chunkIdFor("6f1c2a3e-0000-4000-8000-000000000002", 0));
  expect(ids.size).toBe(5);
});
