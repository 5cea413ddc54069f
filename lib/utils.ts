/** Class names: clsx joins (skipping falsy parts), tailwind-merge lets a later class win a conflict. */
import { type ClassValue, clsx } from "clsx";
import { twMerge } from "tailwind-merge";

export function cn(...parts: ClassValue[]): string {
  return twMerge(clsx(parts));
}
