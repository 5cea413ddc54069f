"use client";
/**
 * Light/dark switch; the choice is kept in localStorage (the root layout applies it before paint).
 * A toggle button named "Dark theme" whose aria-pressed says whether it is on.
 */
import { useSyncExternalStore } from "react";

// The class is set before paint by the root layout's script; follow it from there.
function subscribe(onChange: () => void) {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
  return () => observer.disconnect();
}
const isDark = () => document.documentElement.classList.contains("dark");

export function ThemeToggle() {
  const dark = useSyncExternalStore(subscribe, isDark, () => false);
  return (
    <button
      type="button"
      onClick={() => {
        const next = !document.documentElement.classList.contains("dark");
        document.documentElement.classList.toggle("dark", next);
        localStorage.setItem("theme", next ? "dark" : "light");
      }}
      className="rounded-lg p-2 text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"
      aria-label="Dark theme"
      aria-pressed={dark}
      title={dark ? "Dark theme on" : "Dark theme off"}
      data-testid="theme-toggle"
    >
      <span aria-hidden className="dark:hidden">☾</span>
      <span aria-hidden className="hidden dark:inline">☀</span>
    </button>
  );
}
