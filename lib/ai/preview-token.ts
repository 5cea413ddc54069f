/**
 * Preview cards are not saved until the student accepts them. The server hands the page a signed
 * token with the validated question, so accepting cannot smuggle in an altered or foreign question.
 */
import crypto from "node:crypto";
import { authSecret } from "@/lib/auth/secret";
import type { CompletedQuestion } from "./events";

export type PreviewPayload = {
  userId: string;
  jobId: string;
  difficulty: number;
  question: CompletedQuestion;
  metadata: Record<string, unknown>;
  templateId: string | null;
  templateVersion: number | null;
  /** Expiry, ms since epoch. */
  exp: number;
};

const TTL_MS = 24 * 3600 * 1000;

function mac(body: string, secret: string) {
  return crypto.createHmac("sha256", `preview:${secret}`).update(body).digest("base64url");
}

export function signPreview(p: Omit<PreviewPayload, "exp">, secret = authSecret(), now = Date.now()): string {
  const body = Buffer.from(JSON.stringify({ ...p, exp: now + TTL_MS })).toString("base64url");
  return `${body}.${mac(body, secret)}`;
}

/** The payload, or null when the token was altered, expired or is another user's. */
export function verifyPreview(token: string, userId: string, secret = authSecret(), now = Date.now()): PreviewPayload | null {
  const [body, sig] = token.split(".");
  if (!body || !sig) return null;
  const expected = mac(body, secret);
  // Compare bytes, not characters: a non-ASCII signature must be refused, not throw.
  const given = Buffer.from(sig);
  const want = Buffer.from(expected);
  if (given.length !== want.length || !crypto.timingSafeEqual(given, want)) return null;
  try {
    const p = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as PreviewPayload;
    return p.userId === userId && p.exp > now ? p : null;
  } catch {
    return null;
  }
}
