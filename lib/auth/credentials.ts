/**
 * Email + password sign-in for Auth.js's Credentials provider: throttled (lib/auth/throttle.ts)
 * before the password is checked, verified against a dummy hash for unknown emails.
 */
import { CredentialsSignin } from "next-auth";
import { findUserByEmail } from "@/db/queries/users";
import { isAppError } from "@/lib/errors";
import { clientIp } from "./client-ip";
import { dummyHash, verifyPassword } from "./password";
import { signInLimits } from "./throttle";
import { signInSchema } from "./validation";

/**
 * A sign-in refused before the password was looked at. Auth.js passes CredentialsSignin (and its
 * `code`) through to the caller; the sign-in action tells the student why from the code.
 */
export class SignInRefused extends CredentialsSignin {
  constructor(code: "rate_limited" | "unavailable") {
    super();
    this.code = code;
  }
}

export async function authorizeCredentials(raw: unknown, headers: Headers) {
  const parsed = signInSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  try {
    await signInLimits().check(email, clientIp(headers));
  } catch (e) {
    // By code, not class: the limiter may have been built by another bundle's copy of lib/errors.
    if (isAppError(e) && (e.code === "rate_limited" || e.code === "unavailable")) throw new SignInRefused(e.code);
    throw e;
  }
  const user = await findUserByEmail(email);
  // Verify against a dummy hash for unknown emails so timing doesn't reveal who has an account.
  const okPassword = await verifyPassword(password, user?.passwordHash ?? (await dummyHash()));
  if (!user || !user.passwordHash || !okPassword) return null;
  return { id: user.id, email: user.email, name: user.name };
}
