import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthForm } from "@/components/shell/auth-form";
import { currentUser } from "@/lib/auth/session";
import { safeCallbackUrl } from "@/lib/auth/validation";
import { signInAction } from "../actions";
import { GitHubButton } from "../github-button";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  if (await currentUser()) redirect(safeCallbackUrl(callbackUrl));
  return (
    <>
      <h1 className="mb-5 text-xl font-semibold">Sign in to Studyin</h1>
      <AuthForm mode="sign-in" action={signInAction} callbackUrl={callbackUrl} github={<GitHubButton callbackUrl={callbackUrl} />} />
    </>
  );
}
