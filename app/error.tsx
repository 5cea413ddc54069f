"use client";
/**
 * What a page shows when rendering it failed on the server, most often because the database is
 * not answering (it restarts, or is down): Next hides the server's message in production, so this
 * says what is likely and offers a retry instead of a bare "Application error".
 */
import { useRouter } from "next/navigation";
import { startTransition } from "react";
import { Button } from "@/components/ui/button";

export default function PageError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const router = useRouter();
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col items-center justify-center gap-4 px-6 text-center">
      <h1 className="text-xl font-semibold">This page could not be loaded</h1>
      <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="page-error">
        Studyin is temporarily unavailable, for example while its database restarts. Nothing you saved is lost. Try again
        in a few seconds.
      </p>
      <Button
        onClick={() =>
          startTransition(() => {
            router.refresh();
            reset();
          })
        }
      >
        Try again
      </Button>
    </main>
  );
}
