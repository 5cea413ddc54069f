import Link from "next/link";
import { signOutAction, signOutEverywhereAction } from "@/app/(auth)/actions";
import { Nav } from "@/components/shell/nav";
import { StatsBadge } from "@/components/shell/stats-badge";
import { ThemeToggle } from "@/components/shell/theme-toggle";
import { buttonClass } from "@/components/ui/button";
import { requirePageUser } from "@/lib/auth/session";
import { headerStats } from "@/lib/srs/profile-service";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePageUser();
  const stats = await headerStats(user.id);
  return (
    <div className="min-h-screen md:flex">
      <a href="#main" className={`skip-link ${buttonClass("primary")}`}>
        Skip to main content
      </a>
      {/* Not an <aside>: this column is the site's navigation (the <nav> inside) and its logo. */}
      <div className="border-b border-slate-200 bg-white px-4 py-3 dark:border-slate-800 dark:bg-slate-900 md:sticky md:top-0 md:h-screen md:w-56 md:shrink-0 md:border-b-0 md:border-r md:py-6">
        <Link href="/dashboard" className="mb-3 flex items-center gap-2 font-semibold md:mb-6">
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img src="/icon.svg" alt="" width={24} height={24} />
          Studyin
        </Link>
        <Nav />
      </div>
      <div className="min-w-0 flex-1">
        <header className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 bg-white/80 px-4 py-3 backdrop-blur dark:border-slate-800 dark:bg-slate-900/80 md:px-8">
          <StatsBadge key={`${stats.xp}:${stats.level}:${stats.streak}`} {...stats} />
          <div className="flex items-center gap-2">
            <span className="hidden text-sm text-slate-600 dark:text-slate-400 sm:inline" data-testid="user-email">
              {user.email}
            </span>
            <ThemeToggle />
            <form action={signOutAction}>
              <button type="submit" className="rounded-lg px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800">
                Sign out
              </button>
            </form>
            <form action={signOutEverywhereAction}>
              <button
                type="submit"
                title="Ends your sessions on every device and browser, this one included"
                className="rounded-lg px-3 py-2 text-sm font-medium text-slate-600 hover:bg-slate-100 dark:text-slate-400 dark:hover:bg-slate-800"
              >
                Sign out of all devices
              </button>
            </form>
          </div>
        </header>
        <main id="main" tabIndex={-1} className="mx-auto max-w-5xl px-4 py-6 md:px-8 md:py-8">{children}</main>
      </div>
    </div>
  );
}
