/**
 * The frame every chart shares: a figure with a visible heading and caption, and the exact numbers
 * in a collapsible table for screen readers and anyone who wants them (the chart is not the only
 * way to read the data). Charts are plain SVG: no chart library.
 */
export function ChartFrame({
  id,
  title,
  caption,
  children,
  table,
}: {
  id: string;
  title: string;
  caption?: string;
  children: React.ReactNode;
  table?: { head: string[]; rows: (string | number)[][] };
}) {
  return (
    <figure
      aria-labelledby={`${id}-title`}
      // min-w-0: a stretched SVG has a large intrinsic width; without this it widens the grid on a phone.
      className="min-w-0 rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
      data-testid={`chart-${id}`}
    >
      <h2 id={`${id}-title`} className="text-base font-semibold">
        {title}
      </h2>
      {caption && <figcaption className="mt-0.5 text-sm text-slate-600 dark:text-slate-400">{caption}</figcaption>}
      <div className="mt-3">{children}</div>
      {table && table.rows.length > 0 && (
        <details className="mt-3 text-sm">
          <summary className="cursor-pointer text-slate-600 dark:text-slate-400">Show the numbers</summary>
          <div className="mt-2 overflow-x-auto">
            <table className="w-full text-left">
              <caption className="sr-only">{title}</caption>
              <thead className="text-xs uppercase text-muted">
                <tr>
                  {table.head.map((h) => (
                    <th key={h} scope="col" className="py-1 pr-3">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {table.rows.map((r, i) => (
                  <tr key={i} className="border-t border-slate-100 dark:border-slate-800">
                    {r.map((c, j) =>
                      j === 0 ? (
                        <th key={j} scope="row" className="py-1 pr-3 font-normal">
                          {c}
                        </th>
                      ) : (
                        <td key={j} className="py-1 pr-3">
                          {c}
                        </td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
    </figure>
  );
}

export function Legend({ items }: { items: { label: string; swatchClass: string }[] }) {
  return (
    <ul className="mb-3 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600 dark:text-slate-400" aria-label="Legend">
      {items.map((i) => (
        <li key={i.label} className="flex items-center gap-1.5">
          <svg width="10" height="10" aria-hidden="true">
            <rect width="10" height="10" rx="2" className={i.swatchClass} />
          </svg>
          {i.label}
        </li>
      ))}
    </ul>
  );
}

export const percent = (x: number | null) => (x === null ? "–" : `${Math.round(x * 100)}%`);
