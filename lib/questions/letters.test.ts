import { describe, expect, it } from "vitest";
import { LETTERS, letterIndex, optionLetter } from "./letters";

describe("option letters", () => {
  it("names options A-E in order", () => {
    expect(LETTERS.join("")).toBe("ABCDE");
  });

  it.each([
    [0, "A"],
    [4, "E"],
    [5, "6"],
  ])("optionLetter(%i) is %s", (i, letter) => {
    expect(optionLetter(i)).toBe(letter);
  });

  it.each([
    ["a", 0],
    ["E", 4],
    ["f", -1],
    ["1", -1],
    ["Enter", -1],
  ])("letterIndex(%s) is %i", (key, index) => {
    expect(letterIndex(key)).toBe(index);
  });
});
