/**
 * Page-object helpers for the Materials page. `uploadMaterial(page, path)` uploads a file through
 * the real upload box and waits until its ingestion is ready; other specs (question generation)
 * reuse it to give a test user a corpus chapter.
 */
import path from "node:path";
import { type Locator, type Page, expect } from "@playwright/test";

export const HEART_PDF = path.resolve(__dirname, "../../../shared/corpus/openstax-ap2e/the-cardiovascular-system-the-heart.pdf");

/** The library row of a material, found by its file name. */
export function materialRow(page: Page, fileName: string): Locator {
  return page.getByTestId("material-row").filter({ hasText: fileName });
}

/** Uploads `filePath` on /materials and waits until it is ready; returns its row. */
export async function uploadMaterial(page: Page, filePath: string, opts: { timeoutMs?: number } = {}): Promise<Locator> {
  if (!page.url().endsWith("/materials")) await page.goto("/materials");
  await page.getByLabel("Choose files to upload").setInputFiles(filePath);
  const row = materialRow(page, path.basename(filePath));
  await expect(row.getByTestId("material-status")).toHaveText(/^Ready \(/, { timeout: opts.timeoutMs ?? 60_000 });
  return row;
}

/** Runs the Materials search box and returns the passages list. */
export async function searchMaterials(page: Page, topic: string): Promise<Locator> {
  await page.getByLabel("Topic").fill(topic);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByTestId("search-results")).toBeVisible();
  return page.getByTestId("passage");
}
