"use client";
/**
 * Whether the answer card's single-key shortcuts (A–E, 1–5, Enter) are on, kept per browser in
 * localStorage. Every card on the page follows a change at once (and other tabs, via `storage`).
 */
import { useCallback, useSyncExternalStore } from "react";

const KEY = "studyin:shortcuts";
const EVENT = "studyin:shortcuts";

function subscribe(onChange: () => void) {
  window.addEventListener("storage", onChange);
  window.addEventListener(EVENT, onChange);
  return () => {
    window.removeEventListener("storage", onChange);
    window.removeEventListener(EVENT, onChange);
  };
}

function read(): boolean {
  try {
    return localStorage.getItem(KEY) !== "off";
  } catch {
    return true;
  }
}

export function useShortcutsEnabled(): [boolean, (on: boolean) => void] {
  const enabled = useSyncExternalStore(subscribe, read, () => true);
  const set = useCallback((on: boolean) => {
    try {
      if (on) localStorage.removeItem(KEY);
      else localStorage.setItem(KEY, "off");
    } catch {
      // Storage refused (private mode): the choice lasts for this page only.
    }
    window.dispatchEvent(new Event(EVENT));
  }, []);
  return [enabled, set];
}
