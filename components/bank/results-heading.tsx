"use client";
/**
 * The bank's result count as a heading. After a search or "Apply filters" focus lands here (not on
 * the page body), so a keyboard or screen-reader user hears how many questions match and Tabs on
 * into the list.
 */
import { useEffect, useRef } from "react";

let focusPending = false;

/** Called by the filter form just before it navigates. */
export function focusResultsNext() {
  focusPending = true;
}

export function ResultsHeading({ children }: { children: React.ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (!focusPending) return;
    focusPending = false;
    ref.current?.focus();
  });
  return (
    <h2 ref={ref} tabIndex={-1} id="bank-results" className="text-sm font-normal text-muted" data-testid="bank-count">
      {children}
    </h2>
  );
}
