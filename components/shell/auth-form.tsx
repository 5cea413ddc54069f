"use client";
import Link from "next/link";
import { useActionState, useEffect, useRef } from "react";
import type { AuthFormState } from "@/app/(auth)/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";

type Props = {
  mode: "sign-in" | "sign-up";
  action: (prev: AuthFormState, fd: FormData) => Promise<AuthFormState>;
  callbackUrl?: string;
  github?: React.ReactNode;
};

export function AuthForm({ mode, action, callbackUrl, github }: Props) {
  const [state, formAction, pending] = useActionState(action, undefined);
  // The student's time zone decides when "today" starts for reviews and streaks.
  const submit = (fd: FormData) => {
    if (mode === "sign-up") fd.set("timezone", Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC");
    formAction(fd);
  };
  const fields = state?.error?.fields ?? {};
  const form = useRef<HTMLFormElement>(null);
  const formError = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // After a refused submit, land on what went wrong: the first invalid field (its error is read
    // with it), or the form's message.
    if (!state?.error) return;
    const invalid = form.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    (invalid ?? formError.current)?.focus();
  }, [state]);
  const other = mode === "sign-in" ? "/sign-up" : "/sign-in";
  const otherHref = callbackUrl ? `${other}?callbackUrl=${encodeURIComponent(callbackUrl)}` : other;

  return (
    <div className="space-y-5">
      <form ref={form} action={submit} className="space-y-4" noValidate>
        {callbackUrl && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
        {state?.error && state.error.code !== "validation" && <Alert ref={formError} tabIndex={-1} data-testid="form-error">{state.error.message}</Alert>}
        {mode === "sign-up" && (
          <Field label="Name (optional)" error={fields.name}>
            <Input name="name" autoComplete="name" maxLength={100} />
          </Field>
        )}
        <Field label="Email" error={fields.email}>
          <Input name="email" type="email" autoComplete="email" required defaultValue={state?.email} />
        </Field>
        <Field
          label="Password"
          error={fields.password}
          hint={mode === "sign-up" ? "At least 8 characters." : undefined}
        >
          <Input
            name="password"
            type="password"
            autoComplete={mode === "sign-up" ? "new-password" : "current-password"}
            required
            minLength={mode === "sign-up" ? 8 : undefined}
          />
        </Field>
        <Button type="submit" className="w-full" disabled={pending}>
          {pending ? "Please wait…" : mode === "sign-in" ? "Sign in" : "Create account"}
        </Button>
      </form>
      {github}
      <p className="text-center text-sm text-slate-600 dark:text-slate-400">
        {mode === "sign-in" ? "New to Studyin? " : "Already have an account? "}
        <Link href={otherHref} className="font-medium text-link hover:underline">
          {mode === "sign-in" ? "Create an account" : "Sign in"}
        </Link>
      </p>
    </div>
  );
}
