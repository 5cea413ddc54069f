"use client";
/**
 * The one way a client component calls a server action (the other half of `authedAction`,
 * lib/actions/client.ts): `useAction(action)` gives `run(input)` and `formAction` for `<form
 * action>`, with `pending`, the last `error` (an AppErrorShape to show as it is) and the last
 * successful `data`, typed from the action's `Result<T>`.
 *
 * - Each call runs in a React transition, so `pending` is true from the click until the action and
 *   the refresh it asked for (revalidatePath) are done.
 * - A new call clears the last error; `data` keeps the last success until `reset()`.
 * - A call that throws (network down, server gone) becomes an "unavailable" error with the
 *   `unreachable` message, so a component never has to catch.
 * - `run` resolves with the Result once it has settled; `onSuccess` / `onError` run then, for what
 *   follows (navigate, move focus, put an optimistic change back).
 */
import { useCallback, useState, useTransition } from "react";
import type { AppErrorShape, Result } from "@/lib/errors";

export type ActionFn<I, T> = (input: I) => Promise<Result<T>>;

export type RunCallbacks<T> = { onSuccess?: (data: T) => void; onError?: (error: AppErrorShape) => void };

export const UNREACHABLE = "Could not reach the server. Check your connection and try again.";

/** Calls the action; a throw becomes an "unavailable" Result carrying `unreachable`. */
export async function settle<I, T>(action: ActionFn<I, T>, input: I, unreachable = UNREACHABLE): Promise<Result<T>> {
  try {
    return await action(input);
  } catch {
    return { ok: false, error: { code: "unavailable", message: unreachable } };
  }
}

export function useAction<I, T>(action: ActionFn<I, T>, { unreachable = UNREACHABLE }: { unreachable?: string } = {}) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [data, setData] = useState<{ value: T } | null>(null);

  const run = useCallback(
    (input: I, on: RunCallbacks<T> = {}) =>
      new Promise<Result<T>>((resolve) => {
        setError(null);
        startTransition(async () => {
          const r = await settle(action, input, unreachable);
          if (r.ok) {
            setData({ value: r.data });
            on.onSuccess?.(r.data);
          } else {
            setError(r.error);
            on.onError?.(r.error);
          }
          resolve(r);
        });
      }),
    [action, unreachable],
  );

  /** For `<form action={formAction}>` when the action takes FormData (every authedAction does). */
  const formAction = useCallback(async (formData: Extract<I, FormData>) => {
    await run(formData);
  }, [run]);

  const reset = useCallback(() => {
    setError(null);
    setData(null);
  }, []);

  return { run, formAction, pending, error, data: data?.value, reset };
}
