"use client";
/**
 * XP, level and streak, shown in the header on every signed-in page: as the layout rendered them,
 * then as each answer returns them (see profile-events.ts), without a reload.
 */
import { useEffect, useState } from "react";
import { PROFILE_EVENT, type ProfileStats } from "./profile-events";

export function StatsBadge(props: ProfileStats) {
  // The layout keys this component on the figures it rendered, so a fresher server render starts
  // it over from them; in between, answers update it.
  const [stats, setStats] = useState(props);
  useEffect(() => {
    const onProfile = (e: Event) => setStats((e as CustomEvent<ProfileStats>).detail);
    window.addEventListener(PROFILE_EVENT, onProfile);
    return () => window.removeEventListener(PROFILE_EVENT, onProfile);
  }, []);
  const { xp, level, streak } = stats;
  return (
    <div className="flex items-center gap-3 text-sm" data-testid="header-stats">
      <span title="Level" className="rounded-full bg-brand-50 px-2.5 py-1 font-semibold text-brand-700 dark:bg-brand-700/20 dark:text-brand-100">
        Lv <span data-testid="header-level">{level}</span>
      </span>
      <span title="Experience points">
        <span data-testid="header-xp" className="font-semibold">{xp.toLocaleString("en-US")}</span> XP
      </span>
      <span title="Day streak" className="inline-flex items-center gap-1 whitespace-nowrap">
        {/* An SVG, not an emoji: machines without an emoji font would show a box. */}
        <svg aria-hidden viewBox="0 0 16 16" className="h-4 w-4 fill-orange-500">
          <path d="M8.6 1c.4 2.2-.6 3.6-1.7 4.9C5.8 7.2 4.5 8.6 4.5 10.8 4.5 13.1 6.1 15 8.3 15c2.3 0 3.9-1.8 3.9-4.3 0-1.6-.7-2.9-1.5-3.9-.1 1.1-.6 1.9-1.4 2.3.4-2.9-.2-5.6-.7-8.1z" />
        </svg>
        <span data-testid="header-streak" className="font-semibold">{streak}</span>
        <span className="sr-only"> day streak</span>
      </span>
    </div>
  );
}
