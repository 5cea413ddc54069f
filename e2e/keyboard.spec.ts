/**
 * Keyboard only: the answer card's shortcuts stay inside the card, the options are one radio group,
 * the shortcuts can be turned off, dialogs close with Escape and give focus back, and focus lands on
 * what an action produced (the next card, the summary, an upload, a generation, an error).
 */
import path from "node:path";
import { type Page, expect, test } from "@playwright/test";
import { submitGenerate } from "./support/generate";
import { materialRow } from "./support/materials";
import { signUp } from "./support/users";

const HEART_MD = path.resolve(__dirname, "../../shared/corpus/openstax-ap2e/the-cardiovascular-system-the-heart.md");

async function seed(page: Page, count: number): Promise<string[]> {
  const res = await page.request.post("/api/test/seed", { data: { count } });
  expect(res.status()).toBe(201);
  return (await res.json()).questionIds;
}

const checked = (page: Page) => page.getByTestId("answer-card").getByRole("radio", { checked: true });

test("shortcuts do nothing while a nav link or Sign out has focus; Enter on Sign out signs out", async ({ page }) => {
  await signUp(page);
  await seed(page, 1);
  await page.goto("/review?mode=new");
  await expect(page.getByTestId("answer-card")).toBeVisible();

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" }).focus();
  for (const key of ["c", "1", "4", "Enter"].slice(0, 3)) await page.keyboard.press(key);
  await expect(checked(page)).toHaveCount(0);
  await expect(page).toHaveURL(/\/review\?mode=new$/);

  const signOut = page.getByRole("button", { name: "Sign out", exact: true });
  await signOut.focus();
  await page.keyboard.press("c");
  await expect(checked(page)).toHaveCount(0);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("options are one radio group; Enter on a confidence radio chooses it; next card and summary take focus", async ({ page }) => {
  await signUp(page);
  await seed(page, 2);
  await page.goto("/review?mode=new");
  const card = page.getByTestId("answer-card");
  const options = card.getByRole("radiogroup", { name: "Answer options" });
  await expect(options.getByRole("radio")).toHaveCount(5);
  // One Tab stop per group.
  await expect(options.locator('[role="radio"][tabindex="0"]')).toHaveCount(1);

  await options.getByRole("radio").first().focus();
  await page.keyboard.press("ArrowDown");
  await expect(options.getByRole("radio").nth(1)).toBeFocused();
  await expect(options.getByRole("radio").nth(1)).toHaveAttribute("aria-checked", "true");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  await expect(options.getByRole("radio").nth(4)).toBeFocused(); // wraps
  await page.keyboard.press("Home");
  await expect(options.getByRole("radio").nth(0)).toHaveAttribute("aria-checked", "true");

  // Tab leaves the group for the confidence group (one stop), Shift+Tab comes back to the choice.
  await page.keyboard.press("Tab");
  const conf1 = card.getByRole("radio", { name: /Confidence 1/ });
  await expect(conf1).toBeFocused();
  await page.keyboard.press("Shift+Tab");
  await expect(options.getByRole("radio").nth(0)).toBeFocused();
  await page.keyboard.press("Tab");

  // Enter on a confidence radio chooses it; it does not submit.
  await page.keyboard.press("ArrowRight");
  await expect(card.getByRole("radio", { name: /Confidence 2/ })).toHaveAttribute("aria-checked", "true");
  await page.keyboard.press("ArrowLeft");
  await expect(conf1).toHaveAttribute("aria-checked", "true");
  await card.getByRole("radio", { name: /Confidence 3/ }).focus();
  await page.keyboard.press("Enter");
  await expect(card.getByRole("radio", { name: /Confidence 3/ })).toHaveAttribute("aria-checked", "true");
  await expect(page.getByTestId("answer-verdict")).toHaveCount(0);
  // Enter again, on the chosen one, submits; the verdict is announced and focus is on Next.
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("answer-verdict")).toBeVisible();
  await expect(page.getByTestId("answer-announcement")).toHaveText(/^(Correct|Incorrect)/);
  await expect(page.getByRole("button", { name: /Next question/ })).toBeFocused();

  await page.keyboard.press("Enter");
  await expect(page.getByTestId("session-progress")).toHaveText("2 / 2");
  await expect(page.getByTestId("answer-card")).toBeFocused();
  await expect(page.getByTestId("session-announcement")).toHaveText("Question 2 of 2.");
  await page.keyboard.press("b");
  await page.keyboard.press("5");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: /Finish session/ })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Session complete" })).toBeFocused();
  await expect(page.getByTestId("session-announcement")).toContainText("Session complete: 2 answered");
});

test("single-key shortcuts can be turned off, and stay off", async ({ page }) => {
  await signUp(page);
  await seed(page, 1);
  await page.goto("/review?mode=new");
  const toggle = page.getByRole("checkbox", { name: "Single-key shortcuts" });
  await expect(toggle).toBeChecked();
  await toggle.uncheck();
  await page.locator("body").click({ position: { x: 1, y: 1 } });
  await page.keyboard.press("c");
  await page.keyboard.press("1");
  await expect(checked(page)).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole("checkbox", { name: "Single-key shortcuts" })).not.toBeChecked();
  await page.keyboard.press("c");
  await expect(checked(page)).toHaveCount(0);
  await page.getByRole("checkbox", { name: "Single-key shortcuts" }).check();
  await page.locator("body").click({ position: { x: 1, y: 1 } });
  await page.keyboard.press("c");
  await expect(checked(page)).toHaveCount(1);
});

test("Escape closes the flag form, the delete confirmations and rename; focus returns to the opener", async ({ page }) => {
  await signUp(page);
  const [id] = await seed(page, 1);
  await page.goto(`/questions/${id}`);

  const flag = page.getByRole("button", { name: "Flag as wrong" });
  await flag.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("textbox", { name: "What is wrong with this question?" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("textbox", { name: "What is wrong with this question?" })).toHaveCount(0);
  await expect(flag).toBeFocused();
  // Cancel gives focus back too.
  await page.keyboard.press("Enter");
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(flag).toBeFocused();

  const del = page.getByRole("button", { name: "Delete question" });
  await del.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("alertdialog");
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(del).toBeFocused();

  await page.goto("/questions");
  await page.getByRole("textbox", { name: "Collection name", exact: true }).fill("Deck");
  await page.keyboard.press("Enter");
  const rename = page.getByRole("button", { name: "Rename Deck" });
  await rename.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("textbox", { name: "New name for Deck" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("textbox", { name: "New name for Deck" })).toHaveCount(0);
  await expect(rename).toBeFocused();
  const remove = page.getByRole("button", { name: "Delete Deck" });
  await remove.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("alertdialog", { name: "Delete Deck?" }).getByRole("button", { name: "Keep it" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("alertdialog")).toHaveCount(0);
  await expect(remove).toBeFocused();
});

test("focus lands on what an action produced: sign-in errors, an upload, a generation; skip link and theme state", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Sign in" }).click();
  const email = page.getByLabel("Email");
  await expect(email).toBeFocused();
  await expect(email).toHaveAttribute("aria-invalid", "true");
  // The error is outside the label and read with the field.
  const describedBy = (await email.getAttribute("aria-describedby")) ?? "";
  await expect(page.locator(`[id="${describedBy.split(" ").pop()}"]`)).not.toBeEmpty();

  await signUp(page);
  // The first Tab reaches the skip link, which moves focus to the main content.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to main content" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();

  const toggle = page.getByRole("button", { name: "Dark theme" });
  const pressed = await toggle.getAttribute("aria-pressed");
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-pressed", pressed === "true" ? "false" : "true");

  await page.goto("/materials");
  await page.getByLabel("Choose files to upload").setInputFiles(HEART_MD);
  await expect(materialRow(page, path.basename(HEART_MD)).getByRole("link")).toBeFocused();
  await expect(materialRow(page, path.basename(HEART_MD)).getByTestId("material-status")).toHaveText(/^Ready \(/, { timeout: 60_000 });

  await submitGenerate(page, { topic: "heart valves", count: 2 });
  await expect(page.getByTestId("generation-progress-region")).toBeFocused();
});
