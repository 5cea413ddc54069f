import { expect, test } from "vitest";
import { uploadRefusals } from "./limits";

const MB = 1024 * 1024;
const limits = { maxFileMb: 50, maxUserTotalMb: 100 };

test.each([
  { name: "heart.pdf", size: 2 * MB, stored: 0, refusal: null },
  { name: "notes.md", size: 10, stored: 0, refusal: null },
  { name: "notes.TXT", size: 10, stored: 0, refusal: null },
  { name: "slides.pptx", size: 10, stored: 0, refusal: /only PDF, Markdown/ },
  { name: "empty.pdf", size: 0, stored: 0, refusal: /"empty.pdf" is empty/ },
  { name: "big.pdf", size: 61 * MB, stored: 0, refusal: /is 61 MB; the limit is 50 MB per file/ },
  { name: "more.pdf", size: 20 * MB, stored: 90 * MB, refusal: /the limit is 100 MB in total/ },
])("$name ($size bytes, $stored stored)", ({ name, size, stored, refusal }) => {
  const [r] = uploadRefusals([{ name, size }], stored, limits);
  if (refusal === null) expect(r).toBeNull();
  else expect(r).toMatch(refusal);
});

test("accepted files count towards the total for the files after them", () => {
  const r = uploadRefusals(
    [
      { name: "a.pdf", size: 40 * MB },
      { name: "b.pdf", size: 40 * MB },
      { name: "c.pdf", size: 40 * MB },
      { name: "d.txt", size: 1 * MB },
    ],
    0,
    limits,
  );
  expect(r.map((x) => x === null)).toEqual([true, true, false, true]);
});
