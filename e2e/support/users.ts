/** Page-object helpers for signing up and in; every test makes its own user. */
import crypto from "node:crypto";
import { type Page, expect } from "@playwright/test";

export type TestUser = { email: string; password: string; name: string };

export function newUser(): TestUser {
  const id = crypto.randomUUID().slice(0, 8);
  return { email: `student-${id}@example.test`, password: `pw-${id}-Secret!`, name: `Student ${id}` };
}

export async function signUp(page: Page, user: TestUser = newUser(), callbackUrl?: string): Promise<TestUser> {
  await page.goto(callbackUrl ? `/sign-up?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/sign-up");
  await page.getByLabel("Name (optional)").fill(user.name);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("user-email")).toHaveText(user.email);
  return user;
}

export async function signIn(page: Page, user: TestUser) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("user-email")).toHaveText(user.email);
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}
