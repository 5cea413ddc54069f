import { expect, test } from "@playwright/test";
import { newUser, signIn, signOut, signUp } from "./support/users";

test("sign up lands on the dashboard with a fresh profile in the header", async ({ page }) => {
  const user = await signUp(page);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId("header-level")).toHaveText("1");
  await expect(page.getByTestId("header-xp")).toHaveText("0");
  await expect(page.getByTestId("header-streak")).toHaveText("0");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveText([
    "Dashboard",
    "Materials",
    "Generate",
    "Review",
    "Blocks",
    "Questions",
    "Analytics",
    "Settings",
  ]);
  expect(user.email).toContain("@");
});

test("signed-out visitors are sent to sign-in and come back where they were going", async ({ page }) => {
  const user = await signUp(page);
  await signOut(page);
  await page.goto("/review");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Freview/);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/review$/);
  await expect(page.getByRole("heading", { name: "Review", level: 1 })).toBeVisible();
});

test("sign out, then sign in again", async ({ page }) => {
  const user = await signUp(page);
  await signOut(page);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in/);
  await signIn(page, user);
  await expect(page).toHaveURL(/\/dashboard$/);
});

test("a wrong password and a taken email get errors a person understands", async ({ page }) => {
  const user = await signUp(page);
  await signOut(page);

  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("form-error")).toHaveText("That email and password don't match an account.");

  // An unknown email gets the very same message: sign-in does not reveal who has an account.
  await page.getByLabel("Email").fill(newUser().email);
  await page.getByLabel("Password").fill("whatever-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("form-error")).toHaveText("That email and password don't match an account.");

  await page.goto("/sign-up");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill("another-password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("form-error")).toContainText("sign in instead");
});

test("short passwords and bad emails are refused at sign-up", async ({ page }) => {
  await page.goto("/sign-up");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter a valid email address.")).toBeVisible();
});

test("the layout works on a phone-sized screen", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await signUp(page);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await expect(page.getByTestId("header-stats")).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test("a signed-in visit to sign-in with a hostile callbackUrl stays on the app", async ({ page }) => {
  await signUp(page);
  const origin = new URL(page.url()).origin;
  for (const callbackUrl of ["/%09/evil.example", "/%0A/evil.example", "/%0D/evil.example", "//evil%E3%80%82example", "/%5C/evil.example", "https://evil.example/"]) {
    const response = await page.goto(`/sign-in?callbackUrl=${callbackUrl}`);
    expect(response?.status(), callbackUrl).toBe(200);
    expect(new URL(page.url()).origin, callbackUrl).toBe(origin);
    await expect(page, callbackUrl).toHaveURL(/\/dashboard$/);
  }
  // A same-site path is still honoured.
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent("/review")}`);
  await expect(page).toHaveURL(/\/review$/);
});

test("a session cookie copied before sign-out no longer works after it", async ({ page, browser }) => {
  await signUp(page);
  const copied = await page.context().cookies();
  await signOut(page);
  const thief = await browser.newContext();
  try {
    await thief.addCookies(copied);
    const other = await thief.newPage();
    await other.goto("/dashboard");
    await expect(other).toHaveURL(/\/sign-in/);
  } finally {
    await thief.close();
  }
});

test("'Sign out of all devices' ends the sessions in other browsers too", async ({ page, browser }) => {
  const user = await signUp(page);
  const laptop = await browser.newContext();
  try {
    const other = await laptop.newPage();
    await signIn(other, user);
    await page.getByRole("button", { name: "Sign out of all devices" }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    await other.goto("/review");
    await expect(other).toHaveURL(/\/sign-in\?callbackUrl=%2Freview/);
    // Signing in again works as before.
    await signIn(other, user);
  } finally {
    await laptop.close();
  }
});

test("per-IP limits count the socket's address, not a forged X-Forwarded-For", async ({ request }) => {
  for (const forged of ["203.0.113.7", "1.2.3.4, 203.0.113.8"]) {
    const res = await request.get("/api/test/client-ip", { headers: { "x-forwarded-for": forged, "x-studyin-peer": "6.6.6.6" } });
    expect(await res.json()).toEqual({ ip: "127.0.0.1" });
  }
});

test("route handlers refuse a state-changing request from another site", async ({ page }) => {
  await signUp(page);
  const res = await page.request.post("/api/questions/00000000-0000-4000-8000-000000000000/answer", {
    headers: { origin: "https://evil.example" },
    data: { selectedIndex: 0, confidence: 3, timeTakenSeconds: 10, idempotencyKey: "k" },
  });
  expect(res.status()).toBe(403);
  expect((await res.json()).error.code).toBe("forbidden");
});
