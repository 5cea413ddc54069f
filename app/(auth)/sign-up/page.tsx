import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthForm } from "@/components/shell/auth-form";
import { currentUser } from "@/lib/auth/session";
import { safeCallbackUrl } from "@/lib/auth/validation";
import { signUpAction } from "../actions";
import { GitHubButton } from "../github-button";

export const metadata: Metadata = { title: "Create account" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  if (await currentUser()) redirect(safeCallbackUrl(callbackUrl));
  return (
    <>
      <h1 className="mb-5 text-xl font-semibold">Create your Studyin account</h1>
      <AuthForm mode="sign-up" action={signUpAction} callbackUrl={callbackUrl} github={<GitHubButton callbackUrl={callbackUrl} />} />
    </>
  );
}
