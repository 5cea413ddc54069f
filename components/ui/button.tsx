import { cn } from "./cn";

type Variant = "primary" | "secondary" | "ghost" | "danger";

const VARIANTS: Record<Variant, string> = {
  primary: "bg-brand-600 text-white hover:bg-brand-700 disabled:bg-brand-600/60",
  secondary:
    "border border-slate-300 bg-white text-slate-900 hover:bg-slate-50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800",
  ghost: "text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800",
  danger: "bg-red-600 text-white hover:bg-red-700 disabled:bg-red-600/60",
};

/**
 * `extra` may set its own padding or text size (a compact button): the defaults then step aside,
 * since `cn` only joins names and the stylesheet's order, not the call, would decide a conflict.
 */
export function buttonClass(variant: Variant = "primary", extra?: string) {
  const ownPadding = extra ? /(^|\s)p[xy]?-\S+/.test(extra) : false;
  const ownSize = extra ? /(^|\s)text-(xs|sm|base|lg)(\s|$)/.test(extra) : false;
  return cn(
    "inline-flex items-center justify-center gap-2 rounded-lg font-medium transition-colors",
    !ownPadding && "px-4 py-2",
    !ownSize && "text-sm",
    "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500 disabled:cursor-not-allowed",
    VARIANTS[variant],
    extra,
  );
}

export function Button({
  variant = "primary",
  className,
  ...props
}: React.ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant }) {
  return <button className={buttonClass(variant, className)} {...props} />;
}
