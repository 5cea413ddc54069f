import { describe, expect, it } from "vitest";
import { bankHref, bankQueryToParams, effectiveSort, pageCount, parseBankQuery } from "./query";

const uuid = "0b7e3f0e-4b1a-4c62-9a51-2f1f3f2f6a10";

describe("parseBankQuery", () => {
  it("reads every filter", () => {
    const q = parseBankQuery(
      new URLSearchParams({ q: " heart valve ", topic: "Cardiology", difficulty: "3", status: "learning", tag: " ECG ", material: uuid, collection: uuid, sort: "quality", page: "2" }),
    );
    expect(q).toEqual({ q: "heart valve", topic: "Cardiology", difficulty: 3, status: "learning", tag: "ecg", material: uuid, collection: uuid, sort: "quality", page: 2 });
  });

  it.each([
    [{ difficulty: "9" }, { difficulty: undefined }],
    [{ difficulty: "abc" }, { difficulty: undefined }],
    [{ status: "archived" }, { status: undefined }],
    [{ material: "not-a-uuid" }, { material: undefined }],
    [{ sort: "random" }, { sort: undefined }],
    [{ page: "-3" }, { page: 1 }],
    [{ page: "x" }, { page: 1 }],
    [{ q: "   " }, { q: undefined }],
    [{ topic: ["A", "B"] }, { topic: "A" }],
  ])("falls back to defaults for %j", (raw, expected) => {
    expect(parseBankQuery(raw)).toMatchObject(expected);
  });
});

describe("effectiveSort", () => {
  it.each([
    [{}, "newest"],
    [{ q: "aorta" }, "relevance"],
    [{ q: "aorta", sort: "oldest" }, "oldest"],
    [{ sort: "relevance" }, "newest"],
  ] as const)("%j -> %s", (raw, expected) => {
    expect(effectiveSort(parseBankQuery(raw as Record<string, string>))).toBe(expected);
  });
});

describe("bankHref", () => {
  it("round-trips and leaves out defaults", () => {
    const q = parseBankQuery({ q: "sa node", tag: "ecg", page: "3" });
    expect(bankHref(q)).toBe("/questions?q=sa+node&tag=ecg&page=3");
    expect(parseBankQuery(bankQueryToParams(q))).toEqual(q);
    expect(bankHref({ page: 1 })).toBe("/questions");
  });
});

describe("pageCount", () => {
  it.each([
    [0, 1],
    [20, 1],
    [21, 2],
    [100, 5],
  ])("%i rows -> %i pages", (total, pages) => {
    expect(pageCount(total)).toBe(pages);
  });
});
