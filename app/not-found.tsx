/** Unknown pages, and anything a page reports as not found (including another student's data). */
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

export const metadata = { title: "Not found" };

export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col items-center justify-center gap-4 px-6 text-center">
      {/* eslint-disable-next-line @next/next/no-img-element */}
      <img src="/icon.svg" alt="" width={40} height={40} />
      <h1 className="text-xl font-semibold">We could not find that page</h1>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        The link may be old, or what it pointed to was deleted or belongs to someone else.
      </p>
      <div className="flex flex-wrap justify-center gap-2">
        <Link href="/dashboard" className={buttonClass("primary")}>
          Go to your dashboard
        </Link>
        <Link href="/questions" className={buttonClass("secondary")}>
          Question bank
        </Link>
      </div>
    </main>
  );
}
