/**
 * Signing up with a password: the per-IP sign-up limit, the hash, then the user and profile rows.
 * A taken email reads the same as any refusal, so the form does not confirm who has an account.
 */
import "server-only";
import { createUserWithPassword } from "@/db/queries/users";
import { AppError } from "@/lib/errors";
import { hashPassword } from "./password";
import { signInLimits } from "./throttle";

export async function registerWithPassword(input: { email: string; name?: string; password: string; timezone?: string }, ip: string) {
  await signInLimits().checkSignUp(ip);
  const user = await createUserWithPassword({
    email: input.email,
    name: input.name,
    passwordHash: await hashPassword(input.password),
    timezone: input.timezone,
  });
  if (!user)
    throw new AppError("conflict", "We couldn't create an account with that email. If you already have one, sign in instead.", {
      fields: { email: "Try signing in instead." },
    });
  return user;
}
