/** Page-object helpers for the Generate page. */
import { type Page, expect } from "@playwright/test";

export type GenerateForm = { topic: string; count?: number; preview?: boolean };

/**
 * Starts recording, in the page, the moment the first card turns complete: how many cards were
 * complete then and whether the run was still going. Call before submitting.
 */
export async function watchFirstComplete(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { __firstComplete?: { complete: number; writing: number; finished: boolean; progress: string } };
    w.__firstComplete = undefined;
    const observer = new MutationObserver(() => {
      const complete = document.querySelectorAll('[data-testid="question-card"][data-state="complete"]').length;
      if (complete === 0 || w.__firstComplete) return;
      w.__firstComplete = {
        complete,
        writing: document.querySelectorAll('[data-testid="question-card"][data-state="writing"]').length,
        finished: Boolean(document.querySelector('[data-testid="generation-summary"]')),
        progress: document.querySelector('[data-testid="generation-progress"]')?.textContent ?? "",
      };
      observer.disconnect();
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
}

export async function firstCompleteSnapshot(page: Page) {
  return page.evaluate(() => (window as unknown as { __firstComplete?: { complete: number; writing: number; finished: boolean; progress: string } }).__firstComplete);
}

export async function submitGenerate(page: Page, form: GenerateForm) {
  if (!new URL(page.url()).pathname.endsWith("/generate")) await page.goto("/generate");
  await page.getByLabel("Topic").fill(form.topic);
  await page.getByLabel("How many questions").fill(String(form.count ?? 5));
  if (form.preview) await page.getByRole("checkbox", { name: /Preview/ }).check();
  await page.getByRole("button", { name: "Generate", exact: true }).click();
}

export const cards = (page: Page) => page.getByTestId("question-card");
export const completeCards = (page: Page) => page.locator('[data-testid="question-card"][data-state="complete"]');

export async function waitForSummary(page: Page) {
  await expect(page.getByTestId("generation-summary")).toBeVisible({ timeout: 30_000 });
}
