import { describe, expect, test } from "vitest";
import { type Block, chunkBlocks, markdownBlocks, normaliseText, plainTextBlocks, splitSentences } from "./chunk";

const sentence = (i: number, words = 10) => `Sentence ${i} ${"word ".repeat(words - 3).trim()} end.`;

describe("splitSentences", () => {
  test.each([
    ["One. Two! Three?", ["One.", "Two!", "Three?"]],
    ["The SA node (e.g. pacemaker) fires. Then AV.", ["The SA node (e.g. pacemaker) fires.", "Then AV."]],
    ["Stroke volume is 70 mL. Rate is 1.5 times. End.", ["Stroke volume is 70 mL.", "Rate is 1.5 times.", "End."]],
    ["See Fig. 3 for details. Next one.", ["See Fig. 3 for details.", "Next one."]],
    ["  ", []],
  ])("%s", (input, expected) => {
    expect(splitSentences(input)).toEqual(expected);
  });
});

test("normaliseText joins words hyphenated at a line end", () => {
  expect(normaliseText("the ventri-\ncle  contracts\n")).toBe("the ventricle contracts");
});

describe("chunkBlocks", () => {
  const opts = { sizeWords: 30, overlapWords: 10 };

  test("respects the size and ends at sentence boundaries, with overlap", () => {
    const blocks: Block[] = [{ kind: "text", text: Array.from({ length: 9 }, (_, i) => sentence(i)).join(" ") }];
    const chunks = chunkBlocks(blocks, opts);
    expect(chunks.length).toBeGreaterThan(2);
    for (const c of chunks) {
      expect(c.wordCount).toBeLessThanOrEqual(30);
      expect(c.content).toMatch(/^Sentence \d+ .* end\.$/);
    }
    // The last sentence of one chunk opens the next (10 words of overlap).
    const lastOfFirst = chunks[0]!.content.split(/(?<=\.) /).pop()!;
    expect(chunks[1]!.content.startsWith(lastOfFirst)).toBe(true);
    expect(chunks.map((c) => c.ordinal)).toEqual(chunks.map((_, i) => i));
  });

  test("a heading starts a new chunk and gives the heading path", () => {
    const blocks = markdownBlocks(
      ["# Heart Anatomy", "Intro text here.", "## Chambers", "The atria receive blood.", "### Valves", "Valves stop backflow.", "## Layers", "Three layers."].join("\n\n"),
    );
    const chunks = chunkBlocks(blocks, opts);
    expect(chunks.map((c) => [c.heading, c.content])).toEqual([
      ["Heart Anatomy", "Intro text here."],
      ["Heart Anatomy > Chambers", "The atria receive blood."],
      ["Heart Anatomy > Chambers > Valves", "Valves stop backflow."],
      ["Heart Anatomy > Layers", "Three layers."],
    ]);
  });

  test("no overlap is carried across a heading", () => {
    const blocks: Block[] = [
      { kind: "heading", level: 1, text: "A" },
      { kind: "text", text: `${sentence(1, 20)} ${sentence(2, 20)}` },
      { kind: "heading", level: 1, text: "B" },
      { kind: "text", text: sentence(3, 5) },
    ];
    const chunks = chunkBlocks(blocks, opts);
    expect(chunks.at(-1)).toMatchObject({ heading: "B", content: sentence(3, 5) });
  });

  test("records the page range of the sentences in each chunk", () => {
    const blocks: Block[] = [
      { kind: "text", text: sentence(1, 12), page: 3 },
      { kind: "text", text: sentence(2, 12), page: 4 },
      { kind: "text", text: sentence(3, 12), page: 5 },
    ];
    const chunks = chunkBlocks(blocks, { sizeWords: 25, overlapWords: 0 });
    expect(chunks.map((c) => [c.pageStart, c.pageEnd])).toEqual([
      [3, 4],
      [5, 5],
    ]);
  });

  test("cuts a sentence longer than the chunk size by words", () => {
    const chunks = chunkBlocks([{ kind: "text", text: `${"long ".repeat(70).trim()}.` }], { sizeWords: 30, overlapWords: 0 });
    expect(chunks.map((c) => c.wordCount)).toEqual([30, 30, 10]);
  });

  test("text without pages has null pages; empty input has no chunks", () => {
    expect(chunkBlocks(plainTextBlocks("Para one.\n\nPara two."), opts)[0]).toMatchObject({ pageStart: null, pageEnd: null, heading: null });
    expect(chunkBlocks([], opts)).toEqual([]);
  });
});

describe("markdownBlocks", () => {
  test("keeps glossary list items whole and strips inline markup", () => {
    const blocks = markdownBlocks("## Glossary\n\n- **atrium**: upper chamber\n- **ventricle**: lower chamber\n\nSee [the figure](x.png) for `detail`.");
    expect(blocks).toEqual([
      { kind: "heading", level: 2, text: "Glossary" },
      { kind: "text", text: "atrium: upper chamber." },
      { kind: "text", text: "ventricle: lower chamber." },
      { kind: "text", text: "See the figure for detail." },
    ]);
  });

  test("ignores # lines inside code fences", () => {
    expect(markdownBlocks("```\n# not a heading\n```\nText.").filter((b) => b.kind === "heading")).toEqual([]);
  });

  test("keeps a code block's text as a passage of its own", () => {
    expect(markdownBlocks("Before.\n\n```\n# not a heading\nQRS > 120 ms\n```\n\nAfter.")).toEqual([
      { kind: "text", text: "Before." },
      { kind: "text", text: "# not a heading\nQRS > 120 ms" },
      { kind: "text", text: "After." },
    ]);
  });

  test("reads setext headings (underlined with = or -) like # headings", () => {
    const blocks = markdownBlocks("Heart Anatomy\n=============\n\nIntro text.\n\nChambers\n--------\n\nThe atria receive blood.");
    expect(blocks).toEqual([
      { kind: "heading", level: 1, text: "Heart Anatomy" },
      { kind: "text", text: "Intro text." },
      { kind: "heading", level: 2, text: "Chambers" },
      { kind: "text", text: "The atria receive blood." },
    ]);
    expect(chunkBlocks(blocks, { sizeWords: 50, overlapWords: 0 }).map((c) => c.heading)).toEqual(["Heart Anatomy", "Heart Anatomy > Chambers"]);
  });

  test("a pipe table becomes one sentence per row that names its columns", () => {
    const md = [
      "## Valves",
      "",
      "| Valve | Between | Cusps |",
      "| :--- | --- | ---: |",
      "| **Tricuspid** | right atrium and ventricle | 3 |",
      "| Mitral | left atrium and ventricle | 2 |",
      "| Pulmonary \\| semilunar | | 3 |",
    ].join("\n");
    expect(markdownBlocks(md)).toEqual([
      { kind: "heading", level: 2, text: "Valves" },
      { kind: "text", text: "Valve: Tricuspid; Between: right atrium and ventricle; Cusps: 3." },
      { kind: "text", text: "Valve: Mitral; Between: left atrium and ventricle; Cusps: 2." },
      { kind: "text", text: "Valve: Pulmonary | semilunar; Cusps: 3." },
    ]);
  });

  test("a paragraph with pipes but no delimiter row stays a paragraph", () => {
    expect(markdownBlocks("Either a | b\nor c.")).toEqual([{ kind: "text", text: "Either a | b\nor c." }]);
  });

  test("nested list items are each a block of their own, in reading order", () => {
    const md = "- Muscle tissue\n  - **skeletal**: voluntary\n  - cardiac: involuntary\n    1. nodal cells\n- Nervous tissue\n\n> Quoted *aside*.";
    expect(markdownBlocks(md)).toEqual([
      { kind: "text", text: "Muscle tissue." },
      { kind: "text", text: "skeletal: voluntary." },
      { kind: "text", text: "cardiac: involuntary." },
      { kind: "text", text: "nodal cells." },
      { kind: "text", text: "Nervous tissue." },
      { kind: "text", text: "Quoted aside." },
    ]);
  });

  test("a hard line break separates words; images give their alt text; HTML tags are dropped", () => {
    expect(markdownBlocks("First line\\\nsecond ![the SA node](sa.png) line<br>end.")).toEqual([
      { kind: "text", text: "First line second the SA node line end." },
    ]);
  });
});
