/**
 * How a dropped candidate reads on the Generate page: which gate turned it away, in words a student
 * follows. Pure, so the reducer test can check it; reasons it does not know read as a plain "check".
 */
const GATES: Record<string, string> = {
  lint: "Item-writing check",
  duplicate_options: "Item-writing check",
  banned_option: "Item-writing check",
  off_topic: "On-topic check",
  solver: "Blind-solver check",
  near_duplicate: "Duplicate check",
  duplicate_fact: "Duplicate check",
  unknown_source: "Source check",
  quote_not_in_source: "Source check",
  quote_too_short: "Source check",
  prohibited_term: "Content check",
  schema: "Format check",
  incomplete: "Format check",
  too_long: "Format check",
  index_out_of_range: "Format check",
  unparseable: "Format check",
};

/** Details are evidence, not prose (a rule name, the options): enough of them to see why. */
export const MAX_DETAIL_CHARS = 200;

export function dropGate(reason: string): string {
  return GATES[reason] ?? "Check";
}

/**
 * The one line shown for a drop, without the "Dropped" lead: gate, the server's sentence, its
 * detail (the line then ends with the detail in brackets and a full stop).
 */
export function dropLine(d: { reason: string; message: string; detail?: string }): { gate: string | null; message: string; detail: string | null } {
  const gate = dropGate(d.reason);
  // A message that already names its gate ("failed the item-writing check: …") is not prefixed again.
  const named = d.message.toLowerCase().includes(gate.toLowerCase());
  const detail = d.detail?.trim() ? (d.detail.length > MAX_DETAIL_CHARS ? `${d.detail.slice(0, MAX_DETAIL_CHARS - 1).trimEnd()}…` : d.detail.trim()) : null;
  // "… you already have (detail)." reads better than "… you already have. (detail)".
  const message = detail ? d.message.trim().replace(/\.$/, "") : d.message.trim();
  return { gate: named ? null : gate, message, detail };
}
