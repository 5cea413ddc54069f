import { describe, expect, it } from "vitest";
import { MAX_TAGS, normaliseTags, tagListSchema } from "./tags";

describe("normaliseTags", () => {
  it.each([
    [["Cardio", " cardio ", "CARDIO"], ["cardio"]],
    [["  heart   valves ", "ECG"], ["heart valves", "ecg"]],
    [["", "  ", "renal"], ["renal"]],
    [["b", "a", "b"], ["b", "a"]],
  ])("%j -> %j", (input, expected) => {
    expect(normaliseTags(input)).toEqual(expected);
  });
});

describe("tagListSchema", () => {
  it.each([
    ["cardio, ECG ,ecg,", ["cardio", "ecg"]],
    ["", []],
    ["β-blockers, na+/k+ atpase", ["β-blockers", "na+/k+ atpase"]],
    ["step 1.5", ["step 1.5"]],
  ])("accepts %j", (input, expected) => {
    expect(tagListSchema.parse(input)).toEqual(expected);
  });

  it.each([
    ["x".repeat(41), "at most 40"],
    ["<script>", "letters, digits"],
    ["-leading", "letters, digits"],
    ["a;b", "letters, digits"],
    [Array.from({ length: MAX_TAGS + 1 }, (_, i) => `t${i}`).join(","), "at most 20 tags"],
  ])("rejects %j", (input, message) => {
    const r = tagListSchema.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toContain(message);
  });

  it("counts tags after de-duplication", () => {
    const many = Array.from({ length: MAX_TAGS + 5 }, () => "same").join(",");
    expect(tagListSchema.parse(many)).toEqual(["same"]);
  });
});
