"use client";
/**
 * A radio group as WAI-ARIA describes it: one Tab stop (the chosen radio, or the first), arrows
 * move and choose, Home/End jump, Space chooses.
 */
export function RadioGroup({
  label,
  labelledBy,
  describedBy,
  group,
  value,
  refs,
  onChange,
  items,
  className,
  itemClass,
}: {
  label?: string;
  labelledBy?: string;
  describedBy?: string;
  group: "option" | "confidence";
  value: number | null;
  refs: React.RefObject<(HTMLButtonElement | null)[]>;
  onChange: (i: number) => void;
  items: { key: string; content: React.ReactNode; ariaLabel?: string }[];
  className?: string;
  itemClass: (checked: boolean) => string;
}) {
  const move = (from: number, to: number) => {
    const n = items.length;
    const i = ((to % n) + n) % n;
    if (i === from) return;
    onChange(i);
    refs.current[i]?.focus();
  };
  return (
    <div
      role="radiogroup"
      aria-label={label}
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      className={className}
      onKeyDown={(e) => {
        const i = refs.current.findIndex((el) => el === e.target);
        if (i < 0) return;
        const step = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 }[e.key];
        if (step) move(i, i + step);
        else if (e.key === "Home") move(i, 0);
        else if (e.key === "End") move(i, items.length - 1);
        else return;
        e.preventDefault();
      }}
    >
      {items.map((item, i) => (
        <button
          key={item.key}
          ref={(el) => {
            refs.current[i] = el;
          }}
          type="button"
          role="radio"
          data-group={group}
          aria-checked={value === i}
          aria-label={item.ariaLabel}
          tabIndex={value === i || (value === null && i === 0) ? 0 : -1}
          onClick={() => onChange(i)}
          className={itemClass(value === i)}
        >
          {item.content}
        </button>
      ))}
    </div>
  );
}
