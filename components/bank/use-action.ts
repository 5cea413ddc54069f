"use client";
/** Runs a server action in a transition and keeps its error (if any) for the form to show. */
import { useState, useTransition } from "react";
import type { AppErrorShape, Result } from "@/lib/errors";

export function useBankAction() {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<AppErrorShape | null>(null);
  function run<T>(call: () => Promise<Result<T>>, onOk?: (data: T) => void) {
    setError(null);
    startTransition(async () => {
      try {
        const r = await call();
        if (r.ok) onOk?.(r.data);
        else setError(r.error);
      } catch {
        setError({ code: "unavailable", message: "Could not reach the server. Check your connection and try again." });
      }
    });
  }
  return { pending, error, setError, run };
}
