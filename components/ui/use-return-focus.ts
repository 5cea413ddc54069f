"use client";
/**
 * Inline dialogs (a flag form, a delete confirmation, a rename field): when one closes, by Cancel,
 * Escape or success, focus goes back to the control that opened it instead of falling to the body.
 * Attach the returned ref to the opener (it may unmount while the dialog is open).
 */
import { useEffect, useRef } from "react";

export function useReturnFocus<T extends HTMLElement = HTMLButtonElement>(open: boolean) {
  const opener = useRef<T>(null);
  const wasOpen = useRef(open);
  useEffect(() => {
    if (wasOpen.current && !open) opener.current?.focus();
    wasOpen.current = open;
  }, [open]);
  return opener;
}

/** onKeyDown for a dialog: Escape closes it. */
export function closeOnEscape(close: () => void) {
  return (e: React.KeyboardEvent) => {
    if (e.key !== "Escape") return;
    e.preventDefault();
    e.stopPropagation();
    close();
  };
}
