import { cloneElement, isValidElement, useId } from "react";
import { cn } from "@/lib/utils";

export const inputClass =
  "block w-full rounded-lg border border-field bg-white px-3 py-2 text-sm shadow-sm placeholder:text-slate-400 focus:border-focus focus:outline-none focus:ring-2 focus:ring-focus aria-invalid:border-red-600 dark:bg-slate-900 dark:placeholder:text-slate-500 dark:aria-invalid:border-red-400";

type FieldControlProps = {
  id?: string;
  "aria-invalid"?: boolean;
  "aria-describedby"?: string;
};

/**
 * A labelled form control. The hint and the error sit outside the label and are tied to the control
 * with aria-describedby; an error also marks it aria-invalid. `children` is the one control.
 */
export function Field({
  label,
  error,
  hint,
  children,
}: {
  label: string;
  error?: string;
  hint?: string;
  children: React.ReactElement<FieldControlProps>;
}) {
  const auto = useId();
  const control = isValidElement(children) ? children : null;
  const id = control?.props.id ?? `field${auto}`;
  const hintId = hint && !error ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [control?.props["aria-describedby"], hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {control
        ? cloneElement(control, { id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy })
        : children}
      {hintId && (
        <p id={hintId} className="text-xs text-muted">
          {hint}
        </p>
      )}
      {errorId && (
        <p id={errorId} className="text-xs text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
    </div>
  );
}

export function Input({ className, ...props }: React.InputHTMLAttributes<HTMLInputElement>) {
  return <input {...props} className={cn(inputClass, className)} />;
}
