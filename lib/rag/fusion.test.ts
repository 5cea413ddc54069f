import { expect, test } from "vitest";
import { RRF_K, reciprocalRankFusion } from "./fusion";

test.each([
  { lists: [["a", "b"], ["b", "a"]], order: ["a", "b"] }, // tie broken by id
  { lists: [["a", "b", "c"], ["c", "b"]], order: ["c", "b", "a"] },
  { lists: [["a"], []], order: ["a"] },
  { lists: [[], []], order: [] },
])("fuses $lists", ({ lists, order }) => {
  expect(reciprocalRankFusion(lists).map((r) => r.id)).toEqual(order);
});

test("an item in both lists scores the sum of its reciprocal ranks", () => {
  const [top] = reciprocalRankFusion([["x"], ["y", "x"]]);
  expect(top).toEqual({ id: "x", score: 1 / (RRF_K + 1) + 1 / (RRF_K + 2) });
});
