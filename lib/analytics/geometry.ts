/** Pure geometry for the hand-written SVG charts (kept here so it can be table-tested). */

/** A round axis maximum at or above `max`: 1, 2, 5, 10, 20, 50, ... (at least 1). */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const mag = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) if (step * mag >= max) return step * mag;
  return 10 * mag;
}

/** Where each value sits in a `width` x `height` box (y grows downwards), at its slot's centre; null stays null. */
export function pointPositions(values: readonly (number | null)[], width: number, height: number, max: number) {
  const slot = width / Math.max(values.length, 1);
  return values.map((v, i) =>
    v === null || max <= 0
      ? null
      : { x: slot * i + slot / 2, y: height - (Math.min(Math.max(v, 0), max) / max) * height },
  );
}

/**
 * An SVG path through the points in a `width` x `height` box (y grows downwards), each value at the
 * centre of its slot. Null values break the line: a day without answers has no accuracy, and
 * drawing through it would invent one. A point alone between gaps becomes a short tick.
 */
export function linePath(values: readonly (number | null)[], width: number, height: number, max: number): string {
  const n = values.length;
  if (n === 0 || max <= 0) return "";
  const slot = width / n;
  const y = (v: number) => height - (Math.min(Math.max(v, 0), max) / max) * height;
  const parts: string[] = [];
  let open = false;
  values.forEach((v, i) => {
    if (v === null) {
      open = false;
      return;
    }
    const x = slot * i + slot / 2;
    const isolated = !open && (i + 1 >= n || values[i + 1] === null);
    if (isolated) parts.push(`M${fmt(x - slot / 4)} ${fmt(y(v))}H${fmt(x + slot / 4)}`);
    else parts.push(`${open ? "L" : "M"}${fmt(x)} ${fmt(y(v))}`);
    open = !isolated;
  });
  return parts.join("");
}

const fmt = (x: number) => String(Math.round(x * 100) / 100);

/** Columns as rectangles: x, width (with a gap) and height for each value. */
export function columns(values: readonly number[], width: number, height: number, max: number, gap = 0.2) {
  const slot = width / Math.max(values.length, 1);
  return values.map((v, i) => {
    const h = max > 0 ? (Math.min(Math.max(v, 0), max) / max) * height : 0;
    return { x: slot * i + (slot * gap) / 2, width: slot * (1 - gap), y: height - h, height: h };
  });
}
