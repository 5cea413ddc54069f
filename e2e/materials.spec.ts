import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { bombPdf, encryptedPdf, imageOnlyPdf, pathologicalTextPdf } from "../tests/fixtures/pdf";
import { HEART_PDF, materialRow, searchMaterials, uploadMaterial } from "./support/materials";
import { signUp } from "./support/users";

test("upload the heart chapter, watch it process, search it and see passages with pages", async ({ page }) => {
  await signUp(page);
  await page.goto("/materials");
  await expect(page.getByTestId("embedder-info")).toContainText("offline-lexical");
  await expect(page.getByTestId("embedder-info")).toContainText("Synonyms");

  await page.getByLabel("Choose files to upload").setInputFiles(HEART_PDF);
  const row = materialRow(page, path.basename(HEART_PDF));
  // The progress is visible while it runs (page N of 36), then it ends ready with counts.
  await expect(row.getByTestId("material-status")).toHaveText(/Extracting page \d+ of 36|Splitting|Indexing|Ready/);
  await expect(row.getByTestId("material-status")).toHaveText(/^Ready \(36 pages, \d+ passages\)$/, { timeout: 60_000 });

  const passages = await searchMaterials(page, "cardiac conduction system");
  await expect(passages.first()).toBeVisible();
  expect(await passages.count()).toBeGreaterThan(2);
  await expect(passages.first()).toContainText("the-cardiovascular-system-the-heart.pdf");
  await expect(passages.first().getByTestId("passage-page")).toHaveText(/^pages? \d+/);
  await expect(passages.first()).toContainText(/conduction/i);

  // The material opens to its passages with page numbers and headings.
  await row.getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("the-cardiovascular-system-the-heart");
  await expect(page.getByTestId("chunk").first().getByTestId("chunk-page")).toHaveText("page 1");
  await expect(page.getByTestId("chunk").filter({ hasText: "Chambers and Circulation through the Heart" }).first()).toBeVisible();
});

test("bad files get a clear reason; a file over the size limit is refused in the browser", async ({ page }) => {
  await signUp(page);
  await page.goto("/materials");
  await page.getByLabel("Choose files to upload").setInputFiles([
    { name: "fake.pdf", mimeType: "application/pdf", buffer: Buffer.from("I am not a PDF at all") },
    { name: "empty.md", mimeType: "text/markdown", buffer: Buffer.alloc(0) },
    { name: "notes.md", mimeType: "text/markdown", buffer: Buffer.from("# Valves\n\nThe mitral valve closes during systole.") },
  ]);
  const errors = page.getByTestId("upload-errors");
  await expect(errors).toContainText('"empty.md" is empty.');
  await expect(errors).toContainText('"fake.pdf": This file is named .pdf but is not a PDF document.');
  await expect(materialRow(page, "notes.md").getByTestId("material-status")).toHaveText("Ready (1 passage)");
  await expect(materialRow(page, "fake.pdf")).toHaveCount(0);

  // 51 MB: refused before sending, with the limit in the message.
  const huge = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "studyin-e2e-")), "huge.pdf");
  fs.writeFileSync(huge, "%PDF-1.4\n");
  fs.truncateSync(huge, 51 * 1024 * 1024);
  const uploads: string[] = [];
  page.on("request", (r) => void (r.url().endsWith("/api/materials") && r.method() === "POST" && uploads.push(r.url())));
  await page.getByLabel("Choose files to upload").setInputFiles(huge);
  await expect(errors).toHaveText('"huge.pdf" is 51 MB; the limit is 50 MB per file.');
  expect(uploads).toEqual([]);
  fs.rmSync(path.dirname(huge), { recursive: true, force: true });
});

test("rename, archive, delete, and another student's material is not found", async ({ page, browser }) => {
  await signUp(page);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "studyin-e2e-")), "valves.md");
  fs.writeFileSync(file, "# Valves\n\nThe mitral valve closes during systole. The aortic valve opens.");
  const row = await uploadMaterial(page, file);
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  await row.getByRole("link").click();
  await expect(page).toHaveURL(/\/materials\/[0-9a-f-]{36}$/);
  const url = page.url();

  await page.getByLabel("Title").fill("Heart valves");
  await page.getByRole("button", { name: "Rename" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Heart valves");
  await page.getByRole("button", { name: "Archive" }).click();
  await expect(page.getByTestId("material-message")).toHaveText("Archived: it is no longer searched.");
  await expect(page.getByRole("button", { name: "Restore" })).toBeVisible();

  const other = await browser.newPage();
  await signUp(other);
  const res = await other.goto(url);
  expect(res?.status()).toBe(404);
  const api = await other.request.get(url.replace("/materials/", "/api/materials/"));
  expect(api.status()).toBe(404);
  await other.close();

  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Delete" }).click();
  await expect(page).toHaveURL(/\/materials$/);
  await expect(materialRow(page, "valves.md")).toHaveCount(0);
});

test("hostile PDFs fail with a clear sentence and leave the server serving; a note uploaded after them is ready", async ({ page }) => {
  await signUp(page);
  await page.goto("/materials");
  await page.getByLabel("Choose files to upload").setInputFiles([
    { name: "bomb.pdf", mimeType: "application/pdf", buffer: Buffer.from(bombPdf(1024)) },
    { name: "slow.pdf", mimeType: "application/pdf", buffer: Buffer.from(pathologicalTextPdf()) },
    { name: "after.md", mimeType: "text/markdown", buffer: Buffer.from("# Valves\n\nThe tricuspid valve has three cusps.") },
  ]);
  await expect(materialRow(page, "after.md").getByTestId("material-status")).toHaveText("Ready (1 passage)", { timeout: 30_000 });
  await expect(materialRow(page, "bomb.pdf").getByTestId("material-status")).toHaveText(
    "Failed: This PDF needs more memory to read than a file may use (512 MB): its contents expand to far more than its size. Try splitting it or exporting it again.",
    { timeout: 30_000 },
  );
  await expect(materialRow(page, "slow.pdf").getByTestId("material-status")).toHaveText(
    /^Failed: Page 1 of this PDF (has an unusually large text layer|took longer than 10 s to read)/,
    { timeout: 30_000 },
  );
  const health = await page.request.get("/api/health");
  expect(health.ok()).toBe(true);
});

test("a failed material has Retry; several failed ones are removed at once with the keyboard", async ({ page }) => {
  await signUp(page);
  await page.goto("/materials");
  await page.getByLabel("Choose files to upload").setInputFiles([
    { name: "scan.pdf", mimeType: "application/pdf", buffer: Buffer.from(imageOnlyPdf()) },
    { name: "locked.pdf", mimeType: "application/pdf", buffer: Buffer.from(encryptedPdf()) },
    { name: "keep.md", mimeType: "text/markdown", buffer: Buffer.from("# Valves\n\nThe pulmonary valve has three cusps.") },
  ]);
  const scan = materialRow(page, "scan.pdf");
  const locked = materialRow(page, "locked.pdf");
  await expect(scan.getByTestId("material-status")).toHaveText(/^Failed: .*OCR is not supported/, { timeout: 30_000 });
  await expect(locked.getByTestId("material-status")).toHaveText(/^Failed: .*password-protected/, { timeout: 30_000 });
  await expect(materialRow(page, "keep.md").getByTestId("material-status")).toHaveText("Ready (1 passage)");
  // Only failed materials can be ticked.
  await expect(materialRow(page, "keep.md").getByRole("checkbox")).toHaveCount(0);

  // Retry runs the stored file again: the row goes back to processing, and (an image-only PDF) fails again.
  await scan.getByRole("button", { name: 'Retry "scan"' }).click();
  await expect(page.getByTestId("materials-notice")).toHaveText('Processing "scan" again.');
  await expect(scan.getByTestId("material-status")).toHaveText(/^Failed: .*OCR is not supported/, { timeout: 30_000 });

  // Keyboard: tick both with Space, then "Remove selected". The list refreshes itself while
  // materials change, so a tick is checked before moving on (and given again if a refresh took the
  // focus away before the key press landed).
  for (const [row, title] of [[scan, "scan"], [locked, "locked"]] as const) {
    const box = row.getByRole("checkbox", { name: `Select "${title}" for removal` });
    await expect(async () => {
      if (!(await box.isChecked())) {
        await box.focus();
        await page.keyboard.press("Space");
      }
      await expect(box).toBeChecked({ timeout: 1000 });
    }).toPass({ timeout: 15_000 });
  }
  const remove = page.getByRole("button", { name: "Remove selected (2)" });
  await remove.focus();
  page.once("dialog", (d) => {
    expect(d.message()).toBe("Remove 2 failed materials?");
    void d.accept();
  });
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("materials-notice")).toHaveText("Removed 2 materials.");
  await expect(scan).toHaveCount(0);
  await expect(locked).toHaveCount(0);
  await expect(materialRow(page, "keep.md")).toHaveCount(1);
  await expect(page.getByRole("button", { name: /Remove selected/ })).toHaveCount(0);
  await expect(page.getByRole("list", { name: "Your materials" })).toBeFocused();
});
