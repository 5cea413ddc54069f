import { expect, test } from "vitest";
import { progressLabel, progressPercent } from "./status";
import type { MaterialSummary } from "./types";

type M = Pick<MaterialSummary, "status" | "progress" | "pageCount" | "chunkCount" | "failureReason">;
const m = (over: Partial<M>): M => ({ status: "stored", progress: null, pageCount: null, chunkCount: 0, failureReason: null, ...over });

test.each<[M, string, number | null]>([
  [m({}), "Uploaded, waiting to be processed", null],
  [m({ progress: { stage: "stored", message: "Retrying after a problem on our side" } }), "Interrupted, waiting to be processed again", null],
  [m({ status: "extracting", progress: { stage: "extracting", current: 3, total: 36 } }), "Extracting page 3 of 36", 7],
  [m({ status: "extracting", progress: { stage: "extracting" } }), "Extracting text", null],
  [m({ status: "chunking" }), "Splitting into passages", 82],
  [m({ status: "embedding", progress: { stage: "embedding", current: 64, total: 128 } }), "Indexing passages (64 of 128)", 93],
  [m({ status: "ready", pageCount: 36, chunkCount: 120 }), "Ready (36 pages, 120 passages)", 100],
  [m({ status: "ready", pageCount: null, chunkCount: 1 }), "Ready (1 passage)", 100],
  [m({ status: "failed", failureReason: "The file is empty." }), "Failed: The file is empty.", null],
])("%j", (input, label, percent) => {
  expect(progressLabel(input)).toBe(label);
  expect(progressPercent(input)).toBe(percent);
});
