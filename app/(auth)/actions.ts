"use server";
/** Sign up, sign in (password or GitHub), sign out: the only actions that run without a session. */
import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { registerWithPassword } from "@/lib/auth/accounts";
import { clientIp } from "@/lib/auth/client-ip";
import { signIn, signOut } from "@/lib/auth/config";
import { endAllSessions } from "@/lib/auth/revocation";
import { signInFailure } from "@/lib/auth/sign-in-errors";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { signInSchema, signUpSchema } from "@/lib/auth/validation";
import { appOrigin } from "@/lib/http/origin";
import { authedAction, formDataToObject, validationFailure } from "@/lib/actions/client";
import { type AppErrorShape, type Result, toErrorShape } from "@/lib/errors";

export type AuthFormState = { error?: AppErrorShape; email?: string } | undefined;

function toState(r: Result<never>, email?: string): AuthFormState {
  return r.ok ? undefined : { error: r.error, email };
}

async function signInWithPassword(email: string, password: string, callbackUrl: unknown): Promise<AuthFormState> {
  try {
    await signIn("credentials", { email, password, redirectTo: safeCallbackUrl(callbackUrl, appOrigin(await headers())) });
    return undefined;
  } catch (e) {
    unstable_rethrow(e); // the successful redirect
    return { error: signInFailure(e), email };
  }
}

export async function signInAction(_prev: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const parsed = signInSchema.safeParse(formDataToObject(formData));
  if (!parsed.success) return toState(validationFailure(parsed.error), String(formData.get("email") ?? ""));
  return signInWithPassword(parsed.data.email, parsed.data.password, parsed.data.callbackUrl);
}

export async function signUpAction(_prev: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const parsed = signUpSchema.safeParse(formDataToObject(formData));
  const email = String(formData.get("email") ?? "");
  if (!parsed.success) return toState(validationFailure(parsed.error), email);
  try {
    await registerWithPassword(parsed.data, clientIp(await headers()));
  } catch (e) {
    unstable_rethrow(e);
    return { error: toErrorShape(e), email };
  }
  return signInWithPassword(parsed.data.email, parsed.data.password, parsed.data.callbackUrl);
}

export async function signInWithGitHubAction(callbackUrl: string | null): Promise<void> {
  await signIn("github", { redirectTo: safeCallbackUrl(callbackUrl, appOrigin(await headers())) });
}

/** Signs out here; Auth.js's signOut event ends the session on the server too (lib/auth/config.ts). */
export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/sign-in" });
}

const endAllMySessions = authedAction(z.object({}), async (_input, { user }) => {
  await endAllSessions(user.id);
});

/** "Sign out of all devices": every session of this user ends, this one included. */
export async function signOutEverywhereAction(formData: FormData): Promise<void> {
  const r = await endAllMySessions(formData);
  if (!r.ok && r.error.code !== "unauthorized") throw new Error(r.error.message);
  await signOut({ redirectTo: "/sign-in" });
}
