import { describe, expect, it } from "vitest";
import { fileNameSchema, safeLine, safeText } from "./validation";

describe("safeText / safeLine", () => {
  it.each([
    ["plain", true, true],
    ["Ünïcödé — 心臓 ❤", true, true],
    ["two\nlines\r\nand\ta tab", true, false],
    ["nul\u0000byte", false, false],
    ["\u0000", false, false],
    ["bell\u0007", false, false],
    ["escape\u001b[31m", false, false],
    ["vertical\u000btab", false, false],
    ["form\u000cfeed", false, false],
    ["delete\u007f", false, false],
    ["c1\u0085next-line", false, false],
  ])("%j: text %s, line %s", (raw, text, line) => {
    expect(safeText().safeParse(raw).success).toBe(text);
    expect(safeLine().safeParse(raw).success).toBe(line);
  });

  it("says what is wrong, and chains like z.string()", () => {
    const r = safeLine().trim().min(1).safeParse("a\u0000b");
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toBe("Remove the control characters (such as a NUL byte) from this text.");
    expect(safeLine().trim().max(5).parse("  ok  ")).toBe("ok");
  });
});

describe("fileNameSchema", () => {
  it.each([
    ["notes.pdf", true],
    ["Cardiology – week 3 (final).md", true],
    ["evil\u0000.pdf", false],
    ["line\nbreak.txt", false],
    ["", false],
    ["x".repeat(256), false],
  ])("%j -> %s", (name, ok) => expect(fileNameSchema.safeParse(name).success).toBe(ok));
});
