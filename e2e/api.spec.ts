/**
 * The JSON API end to end against `next start`, with two students: list, get, delete and the due
 * reviews; another student's ids are 404; another site's POST and DELETE are refused; the OpenAPI
 * document names every route. Questions come from /api/test/seed.
 */
import crypto from "node:crypto";
import { type Page, expect, test } from "@playwright/test";
import { signUp } from "./support/users";

async function seed(page: Page, count: number, topic?: string): Promise<string[]> {
  const res = await page.request.post("/api/test/seed", { data: { count, ...(topic ? { topic } : {}) } });
  expect(res.status()).toBe(201);
  return (await res.json()).questionIds;
}

const answer = (page: Page, id: string) =>
  page.request.post(`/api/questions/${id}/answer`, {
    data: { selectedIndex: 0, confidence: 3, timeTakenSeconds: 40, idempotencyKey: crypto.randomUUID() },
  });

test("list, get, delete and due reviews are the student's own; another's ids are 404", async ({ page, browser }) => {
  await signUp(page);
  const mine = [...(await seed(page, 3, "Cardiac conduction")), ...(await seed(page, 2, "Renal physiology"))];
  const other = await browser.newPage();
  await signUp(other);
  const [theirs] = await seed(other, 1);

  const list = await page.request.get("/api/questions");
  expect(list.status()).toBe(200);
  const body = await list.json();
  expect(body).toMatchObject({ total: 5, page: 1, pages: 1, pageSize: 20, sort: "newest" });
  expect(body.questions.map((q: { id: string }) => q.id).sort()).toEqual([...mine].sort());
  const renal = await (await page.request.get("/api/questions?topic=Renal%20physiology")).json();
  expect(renal.total).toBe(2);

  const one = await page.request.get(`/api/questions/${mine[0]}`);
  expect(one.status()).toBe(200);
  expect((await one.json()).question.question.id).toBe(mine[0]);
  for (const id of [theirs, "not-a-uuid"]) {
    const res = await page.request.get(`/api/questions/${id}`);
    expect(res.status()).toBe(404);
    expect((await res.json()).error.code).toBe("not_found");
    expect((await page.request.delete(`/api/questions/${id}`)).status()).toBe(404);
  }
  // Theirs is still there for them.
  expect((await other.request.get(`/api/questions/${theirs}`)).status()).toBe(200);

  // Due reviews: two answered today come back tomorrow (the test clock moves this browser a day).
  expect((await answer(page, mine[1]!)).status()).toBe(200);
  expect((await answer(page, mine[2]!)).status()).toBe(200);
  expect(await (await page.request.get("/api/reviews/due")).json()).toMatchObject({ total: 0, reviews: [] });
  expect((await page.request.post("/api/test/clock", { data: { offsetDays: 1 } })).status()).toBe(200);
  const due = await (await page.request.get("/api/reviews/due")).json();
  expect(due.total).toBe(2);
  expect(due.reviews.map((r: { id: string }) => r.id).sort()).toEqual([mine[1], mine[2]].sort());
  expect(due.reviews[0]).not.toHaveProperty("correctIndex");
  expect((await other.request.get("/api/reviews/due")).ok()).toBe(true);
  expect((await (await other.request.get("/api/reviews/due")).json()).total).toBe(0);

  // Delete: gone from the API and from the bank page.
  const del = await page.request.delete(`/api/questions/${mine[1]}`);
  expect(del.status()).toBe(200);
  expect(await del.json()).toEqual({ deleted: mine[1] });
  expect((await page.request.get(`/api/questions/${mine[1]}`)).status()).toBe(404);
  expect((await (await page.request.get("/api/reviews/due")).json()).total).toBe(1);
  expect((await page.goto(`/questions/${mine[1]}`))?.status()).toBe(404);
  await other.close();
});

test("without a session every API route but health and the document is 401", async ({ request }) => {
  for (const path of ["/api/questions", `/api/questions/${crypto.randomUUID()}`, "/api/reviews/due", "/api/materials"]) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(401);
    expect((await res.json()).error.code).toBe("unauthorized");
  }
  expect((await request.get("/api/health")).status()).toBe(200);
  const doc = await request.get("/api/openapi.json");
  expect(doc.status()).toBe(200);
  const paths = Object.keys((await doc.json()).paths);
  expect(paths).toEqual(expect.arrayContaining(["/api/questions", "/api/questions/{id}", "/api/reviews/due", "/api/questions/{id}/answer"]));
});

test("another site's POST and DELETE are refused, and nothing changes", async ({ page }) => {
  await signUp(page);
  const [id] = await seed(page, 1);
  const evil = { origin: "https://evil.example" };
  const del = await page.request.delete(`/api/questions/${id}`, { headers: evil });
  expect(del.status()).toBe(403);
  expect((await del.json()).error.code).toBe("forbidden");
  const post = await page.request.post(`/api/questions/${id}/answer`, {
    headers: { "sec-fetch-site": "cross-site" },
    data: { selectedIndex: 0, confidence: 3, timeTakenSeconds: 40, idempotencyKey: crypto.randomUUID() },
  });
  expect(post.status()).toBe(403);
  const still = await (await page.request.get(`/api/questions/${id}`)).json();
  expect(still.question.attempts).toEqual([]);
  // Invalid input: the one validation error, with fields by path.
  const bad = await page.request.post(`/api/questions/${id}/answer`, { data: { selectedIndex: 0, confidence: 9, timeTakenSeconds: 40, idempotencyKey: crypto.randomUUID() } });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error).toMatchObject({ code: "validation", fields: { confidence: expect.any(String) } });
});
