/** The question bank in a browser: search and filters in the URL, tags, collections, flags, delete, 404. */
import crypto from "node:crypto";
import { type Page, expect, test } from "@playwright/test";
import { signOut, signUp } from "./support/users";

type Seeded = { materialId: string; questionIds: string[] };

async function seed(page: Page, count: number): Promise<Seeded> {
  const res = await page.request.post("/api/test/seed", { data: { count } });
  expect(res.status()).toBe(201);
  return (await res.json()) as Seeded;
}

async function answerHistory(page: Page, questionId: string, attempts: object[]) {
  const res = await page.request.post("/api/test/attempts", { data: { questionId, attempts } });
  expect(res.status()).toBe(201);
}

test("search, filter and page through the bank; the URL holds the state and Back restores it", async ({ page }) => {
  await signUp(page);
  await seed(page, 25);
  await page.goto("/questions");
  await expect(page.getByTestId("bank-count")).toHaveText("25 questions");
  await expect(page.getByTestId("bank-row")).toHaveCount(20);
  await expect(page.getByTestId("page-indicator")).toHaveText("Page 1 of 2");

  await page.getByRole("link", { name: "Next →" }).click();
  await expect(page).toHaveURL(/\/questions\?page=2$/);
  await expect(page.getByTestId("bank-row")).toHaveCount(5);

  await page.getByRole("searchbox", { name: "Search questions" }).fill("pacemaker");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/\/questions\?q=pacemaker$/);
  await expect(page.getByTestId("bank-count")).not.toHaveText("25 questions");
  const searchCount = await page.getByTestId("bank-row").count();
  expect(searchCount).toBeGreaterThan(0);
  expect(searchCount).toBeLessThan(20);
  for (const row of await page.getByTestId("bank-row").all()) await expect(row).toContainText("Cardiac conduction");

  // A menu applies only on an explicit action (WCAG 3.2.2); focus then lands on the result count.
  await page.getByLabel("Topic").selectOption("Heart valves");
  await expect(page).toHaveURL(/\/questions\?q=pacemaker$/);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/topic=Heart\+valves/);
  await expect(page.getByTestId("bank-count")).toBeFocused();
  await page.getByRole("searchbox", { name: "Search questions" }).fill("");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/\/questions\?topic=Heart\+valves$/);
  await expect(page.getByTestId("bank-count")).toHaveText("7 questions match");

  // A shared link reproduces the view; Back walks through earlier searches.
  await page.goBack();
  await expect(page).toHaveURL(/q=pacemaker/);
  await page.goBack();
  await expect(page).toHaveURL(/\/questions\?q=pacemaker$/);
  await expect(page.getByRole("searchbox", { name: "Search questions" })).toHaveValue("pacemaker");
  await expect(page.getByTestId("bank-row")).toHaveCount(searchCount);

  await page.getByRole("link", { name: "Clear search and filters" }).click();
  await expect(page.getByTestId("bank-count")).toHaveText("25 questions");
});

test("tag a question, add it to a collection, study link, duplicate name error, then filter by both", async ({ page }) => {
  await signUp(page);
  const { questionIds } = await seed(page, 3);
  await page.goto(`/questions/${questionIds[0]}`);
  await expect(page.getByTestId("correct-option")).toHaveCount(1);
  await expect(page.getByTestId("correct-option")).toContainText("Correct answer");
  await expect(page.getByTestId("source-passage")).toContainText("The Cardiovascular System: The Heart, p. 17");

  await page.getByRole("textbox", { name: "Tags", exact: true }).fill(" Cardio, ECG ,cardio");
  await page.getByRole("button", { name: "Save tags" }).click();
  await expect(page.getByText("Tags saved.")).toBeVisible();
  await expect(page.getByTestId("saved-tags").getByRole("listitem")).toHaveText(["#cardio", "#ecg"]);
  await page.getByRole("textbox", { name: "Tags", exact: true }).fill("ok, <script>");
  await page.getByRole("button", { name: "Save tags" }).click();
  await expect(page.getByText("Tags may use letters, digits")).toBeVisible();
  await expect(page.getByTestId("saved-tags").getByRole("listitem")).toHaveText(["#cardio", "#ecg"]);

  await page.getByLabel("New collection name").fill("Exam week");
  await page.getByRole("button", { name: "Create and add" }).click();
  await expect(page.getByRole("checkbox", { name: "Exam week" })).toBeChecked();
  const study = page.getByRole("link", { name: "Study Exam week" });
  await expect(study).toHaveAttribute("href", /^\/review\?collection=[0-9a-f-]{36}$/);

  await page.getByRole("link", { name: "← Question bank" }).click();
  await expect(page).toHaveURL(/\/questions$/);
  await page.getByRole("textbox", { name: "Collection name", exact: true }).fill("Exam week");
  await page.getByRole("button", { name: "Create collection" }).click();
  await expect(page.getByText('You already have a collection named "Exam week".')).toBeVisible();

  await page.getByLabel("Collection", { exact: true }).selectOption({ label: "Exam week" });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/collection=/);
  await expect(page.getByTestId("bank-row")).toHaveCount(1);
  await expect(page.getByRole("link", { name: "Study “Exam week”" })).toBeVisible();

  await page.goto("/questions?tag=ecg");
  await expect(page.getByTestId("bank-count")).toHaveText("1 question match");

  // Rename, then remove the question from it.
  await page.goto("/questions");
  await page.getByRole("button", { name: "Rename Exam week" }).click();
  await page.getByRole("textbox", { name: "New name for Exam week" }).fill("Boards");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("link", { name: "Study Boards" })).toBeVisible();
  await page.goto(`/questions/${questionIds[0]}`);
  await page.getByRole("checkbox", { name: "Boards" }).uncheck();
  await expect(page.getByRole("status").filter({ hasText: "Removed from Boards." })).toBeVisible();
  await page.goto("/questions");
  await expect(page.getByTestId("collection-item")).toContainText("0 questions");
  await page.getByRole("button", { name: "Delete Boards" }).click();
  await page.getByRole("button", { name: "Yes, delete collection" }).click();
  await expect(page.getByTestId("collection-item")).toHaveCount(0);
  // The row is gone: focus lands on the panel's heading and the deletion is announced.
  await expect(page.getByRole("heading", { name: "Collections" })).toBeFocused();
  await expect(page.getByTestId("collections-status")).toHaveText("Deleted the collection “Boards”.");
});

test("flagging a question retires it once flags pass 10% of its answers; retired shows in the bank", async ({ page }) => {
  await signUp(page);
  const { questionIds } = await seed(page, 2);
  const id = questionIds[0]!;
  await answerHistory(page, id, Array.from({ length: 10 }, (_, i) => ({ isCorrect: i % 2 === 0, confidence: 3, seconds: 80 })));
  await page.goto(`/questions/${id}`);
  await expect(page.getByTestId("attempt-history").locator("tbody tr")).toHaveCount(10);

  for (const [reason, count] of [["Two options are correct.", "Flagged once."], ["The key is wrong.", "Flagged 2 times."]] as const) {
    await page.getByRole("button", { name: "Flag as wrong" }).click();
    await page.getByLabel("What is wrong with this question?").fill(reason);
    await page.getByRole("button", { name: "Submit flag" }).click();
    await expect(page.getByTestId("flag-count")).toHaveText(count);
  }
  await expect(page.getByText("This question is now retired")).toBeVisible();
  await expect(page.getByTestId("retired-badge")).toBeVisible();

  await page.goto("/questions?status=retired");
  await expect(page.getByTestId("bank-row")).toHaveCount(1);
  await expect(page.getByTestId("bank-row").getByTestId("retired-badge")).toBeVisible();
});

test("delete a question after confirming; another user's question is a 404", async ({ page }) => {
  await signUp(page);
  const { questionIds } = await seed(page, 2);
  await page.goto(`/questions/${questionIds[1]}`);
  await page.getByRole("button", { name: "Delete question" }).click();
  await page.getByRole("button", { name: "Cancel" }).click();
  await page.getByRole("button", { name: "Delete question" }).click();
  await page.getByRole("button", { name: "Yes, delete" }).click();
  await expect(page).toHaveURL(/\/questions$/);
  await expect(page.getByTestId("bank-count")).toHaveText("1 question");

  await signOut(page);
  await signUp(page);
  const res = await page.goto(`/questions/${questionIds[0]}`);
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Question not found" })).toBeVisible();
  const noCollection = await page.goto(`/questions?collection=${crypto.randomUUID()}`);
  expect(noCollection?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Collection not found" })).toBeVisible();
  const deleted = await page.request.post("/api/test/attempts", { data: { questionId: questionIds[0], attempts: [{}] } });
  expect(deleted.status()).toBe(404);
});
