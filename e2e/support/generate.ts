/** Page-object helpers for the Generate page. */
import { type Page, expect } from "@playwright/test";

/** `more`: further topics of a batch (one job each), after `topic`. */
export type GenerateForm = { topic: string; more?: string[]; count?: number; preview?: boolean };

/** In the page: records the moment the first card turns complete (see watchFirstComplete). */
function installFirstCompleteWatch() {
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
  observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
}

/**
 * Starts recording, in the page, the moment the first card turns complete: how many cards were
 * complete then and whether the run was still going. Call before submitting.
 */
export async function watchFirstComplete(page: Page) {
  await page.evaluate(installFirstCompleteWatch);
}

/** The same, from the start of every later load of the page (a reload), before it renders anything. */
export async function watchFirstCompleteOnLoad(page: Page) {
  await page.addInitScript(installFirstCompleteWatch);
}

export async function firstCompleteSnapshot(page: Page) {
  return page.evaluate(() => (window as unknown as { __firstComplete?: { complete: number; writing: number; finished: boolean; progress: string } }).__firstComplete);
}

export async function submitGenerate(page: Page, form: GenerateForm) {
  if (!new URL(page.url()).pathname.endsWith("/generate")) await page.goto("/generate");
  await page.getByLabel("Topic", { exact: true }).fill(form.topic);
  for (const [i, topic] of (form.more ?? []).entries()) {
    await page.getByRole("button", { name: "Add another topic" }).click();
    const input = page.getByLabel(`Topic ${i + 2}`, { exact: true });
    await expect(input).toBeFocused();
    await input.fill(topic);
  }
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

/** A generation job's stream: GET /api/jobs/<id>/stream. */
const STREAM_PATH = /^\/api\/jobs\/[^/]+\/stream$/;

/**
 * Keeps, in the page, a copy of every generation stream it reads from now on (a tee of the fetch
 * response, so the page still reads it as it arrives; a reconnect is one more copy). The browser's
 * own copy of a streamed body cannot be read back once it is consumed. Call before submitting;
 * read with `streamedQuestions` once the run has finished.
 */
export async function recordGenerateStream(page: Page) {
  await page.evaluate((pattern) => {
    const w = window as unknown as { __generateStreams?: Promise<string>[]; __fetchTeed?: boolean };
    w.__generateStreams = [];
    if (w.__fetchTeed) return;
    w.__fetchTeed = true;
    const re = new RegExp(pattern);
    const original = window.fetch.bind(window);
    window.fetch = async (input, init) => {
      const res = await original(input, init);
      const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
      if (re.test(new URL(url, location.href).pathname) && res.ok) w.__generateStreams?.push(res.clone().text().catch(() => ""));
      return res;
    };
  }, STREAM_PATH.source);
}

/**
 * The questions the recorded streams carried (their `data-complete` parts, once each: a reconnect
 * replays them). The stream is the AI SDK's UI message stream: SSE lines `data: {json}`.
 */
export async function streamedQuestions(page: Page): Promise<Streamed[]> {
  const texts = await page.evaluate(() => Promise.all((window as unknown as { __generateStreams?: Promise<string>[] }).__generateStreams ?? []));
  const byCard = new Map<string, Streamed>();
  for (const text of texts)
    for (const line of text.split("\n")) {
      if (!line.startsWith("data: ") || line === "data: [DONE]") continue;
      const chunk = JSON.parse(line.slice("data: ".length)) as { type: string; data?: { cardId: string; questionId?: string; question?: Omit<Streamed, "questionId"> } };
      if (chunk.type === "data-complete" && chunk.data?.question) byCard.set(chunk.data.cardId, { questionId: chunk.data.questionId, ...chunk.data.question });
    }
  return [...byCard.values()];
}

/**
 * Lets a test break the page's generation streams the way a network blip does: from now on each
 * stream the page opens passes through a copy that `cutGenerateStreams` ends with a network error.
 * The page's reconnect (a new request to the server, which replays the job) is then real.
 */
export async function breakableGenerateStreams(page: Page) {
  await page.evaluate((pattern) => {
    const w = window as unknown as { __cuts: (() => void)[]; __streamOpens: number };
    w.__cuts = [];
    w.__streamOpens = 0;
    const re = new RegExp(pattern);
    const original = window.fetch.bind(window);
    window.fetch = async (input, init) => {
      const res = await original(input, init);
      const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
      if (!re.test(new URL(url, location.href).pathname) || !res.ok || !res.body) return res;
      w.__streamOpens++;
      const reader = res.body.getReader();
      let cut = false;
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          w.__cuts.push(() => {
            cut = true;
            controller.error(new TypeError("network error"));
            void reader.cancel().catch(() => {});
          });
        },
        async pull(controller) {
          const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
          if (cut) return;
          if (done) controller.close();
          else controller.enqueue(value);
        },
        cancel: (reason) => reader.cancel(reason),
      });
      return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
    };
  }, STREAM_PATH.source);
}

/** Ends every stream opened through `breakableGenerateStreams` so far with a network error. */
export async function cutGenerateStreams(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { __cuts: (() => void)[] };
    for (const cut of w.__cuts.splice(0)) cut();
  });
}

/** How many generation streams the page has opened since `breakableGenerateStreams`. */
export async function generateStreamOpens(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __streamOpens: number }).__streamOpens);
}

/** The job ids the page follows, from its address (`/generate?jobs=id1,id2`). */
export function watchedJobIds(page: Page): string[] {
  return (new URL(page.url()).searchParams.get("jobs") ?? "").split(",").filter(Boolean);
}
