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

/** Where a card's answer shows: the key marker, the explanation, the answer feedback. */
const KEY_MARKERS = ['[data-testid="answer-key"]', '[data-testid="explanation"]', '[data-testid="answer-feedback"]'];

/**
 * Starts recording, in the page, the first moment a generated card shows its answer (a key marker,
 * an explanation, answer feedback, or the words "correct answer"). Call before submitting; read
 * with `keyLeak` before the test answers or reveals anything.
 */
export async function watchKeyLeaks(page: Page) {
  await page.evaluate((markers) => {
    const w = window as unknown as { __keyLeak?: string | null };
    w.__keyLeak = null;
    const check = () => {
      const cards = document.querySelector('[data-testid="question-cards"]');
      if (!cards || w.__keyLeak) return;
      const marker = markers.find((m) => cards.querySelector(m));
      if (marker) w.__keyLeak = marker;
      else if (/correct answer/i.test(cards.textContent ?? "")) w.__keyLeak = "the words 'correct answer'";
    };
    new MutationObserver(check).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  }, KEY_MARKERS);
}

export async function keyLeak(page: Page): Promise<string | null> {
  return page.evaluate(() => (window as unknown as { __keyLeak?: string | null }).__keyLeak ?? null);
}

type Streamed = { questionId?: string; explanation: string; optionExplanations: string[]; sourceQuote: string };

/**
 * Keeps, in the page, a copy of the next generation's event stream (a tee of the fetch response,
 * so the page still reads it as it arrives). The browser's own copy of a streamed body cannot be
 * read back once it is consumed. Call before submitting; read with `streamedQuestions`.
 */
export async function recordGenerateStream(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { __generateStream?: Promise<string>; __fetchTeed?: boolean };
    w.__generateStream = undefined;
    if (w.__fetchTeed) return;
    w.__fetchTeed = true;
    const original = window.fetch.bind(window);
    window.fetch = async (input, init) => {
      const res = await original(input, init);
      const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
      if (new URL(url, location.href).pathname === "/api/generate" && res.ok) w.__generateStream = res.clone().text();
      return res;
    };
  });
}

/** The questions the recorded generation streamed (its "complete" events), once it has finished. */
export async function streamedQuestions(page: Page): Promise<Streamed[]> {
  const text = await page.evaluate(() => (window as unknown as { __generateStream?: Promise<string> }).__generateStream ?? Promise.resolve(""));
  return text
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { type: string; questionId?: string; question?: Omit<Streamed, "questionId"> })
    .filter((e) => e.type === "complete" && e.question)
    .map((e) => ({ questionId: e.questionId, ...e.question! }));
}
