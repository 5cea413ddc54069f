import { describe, expect, it } from "vitest";
import { buttonClass } from "./button";

describe("buttonClass", () => {
  it("has one padding and text size per size, so a compact button is not overridden by the default", () => {
    const normal = buttonClass("secondary").split(" ");
    expect(normal).toEqual(expect.arrayContaining(["px-4", "py-2", "text-sm"]));
    const compact = buttonClass("secondary", "w-full", "sm").split(" ");
    expect(compact).toEqual(expect.arrayContaining(["px-2", "py-1", "text-xs", "w-full"]));
    for (const c of ["px-4", "py-2", "text-sm"]) expect(compact).not.toContain(c);
  });
});

describe("buttonClass with classes from the caller", () => {
  it.each([
    ["ghost", "text-red-700 dark:text-red-300", ["text-red-700", "dark:text-red-300"], ["text-slate-700", "dark:text-slate-300"]],
    ["secondary", "border-amber-400 bg-amber-50 dark:bg-amber-900/30", ["border-amber-400", "bg-amber-50", "dark:bg-amber-900/30", "border"], ["border-slate-300", "bg-white", "dark:bg-slate-900"]],
    ["primary", "w-full", ["w-full", "bg-brand-600", "px-4", "focus-visible:outline-focus", "focus-visible:outline-2"], []],
  ] as const)("%s + %s: the caller's class wins a conflict, the rest stays", (variant, extra, kept, dropped) => {
    const classes = buttonClass(variant, extra).split(" ");
    expect(classes).toEqual(expect.arrayContaining([...kept]));
    for (const c of dropped) expect(classes).not.toContain(c);
  });
});
