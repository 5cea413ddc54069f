/** Test-only routes answer 404 unless STUDYIN_TEST_HOOKS is on (the browser-test server sets it). */
import "server-only";
import { getEnv } from "@/lib/env";

export const testHooksEnabled = () => getEnv().STUDYIN_TEST_HOOKS;

export const hooksDisabledResponse = () =>
  Response.json({ error: { code: "not_found", message: "Not found." } }, { status: 404 });
