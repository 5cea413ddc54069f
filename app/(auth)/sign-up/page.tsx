import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AuthForm } from "@/components/shell/auth-form";
import { currentUser } from "@/lib/auth/session";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { appOrigin } from "@/lib/http/origin";
import { signUpAction } from "../actions";
import { GitHubButton } from "../github-button";

export const metadata: Metadata = { title: "Create account" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl: raw } = await searchParams;
  const next = safeCallbackUrl(raw, appOrigin(await headers()));
  if (await currentUser()) redirect(next);
  // Only a callback that passed the check travels on (hidden field, the other page's link).
  const callbackUrl = raw ? next : undefined;
  return (
    <>
      <h1 className="mb-5 text-xl font-semibold">Create your Studyin account</h1>
      <AuthForm mode="sign-up" action={signUpAction} callbackUrl={callbackUrl} github={<GitHubButton callbackUrl={callbackUrl} />} />
    </>
  );
}
