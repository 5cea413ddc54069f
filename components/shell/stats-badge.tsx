/** XP, level and streak, shown in the header on every signed-in page. */
export function StatsBadge({ xp, level, streak }: { xp: number; level: number; streak: number }) {
  return (
    <div className="flex items-center gap-3 text-sm" data-testid="header-stats">
      <span title="Level" className="rounded-full bg-brand-50 px-2.5 py-1 font-semibold text-brand-700 dark:bg-brand-700/20 dark:text-brand-100">
        Lv <span data-testid="header-level">{level}</span>
      </span>
      <span title="Experience points">
        <span data-testid="header-xp" className="font-semibold">{xp.toLocaleString("en-US")}</span> XP
      </span>
      <span title="Day streak" className="whitespace-nowrap">
        🔥 <span data-testid="header-streak" className="font-semibold">{streak}</span>
        <span className="sr-only"> day streak</span>
      </span>
    </div>
  );
}
