import type { ReactNode } from "react";

/** A labelled form field with its hint and its errors right under it (errors are announced). */
export function Field({
  id,
  label,
  hint,
  errors,
  children,
  className = "",
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  errors?: string[];
  children: ReactNode;
  className?: string;
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-zinc-800">
        {label}
      </label>
      <div className="mt-1.5">{children}</div>
      {hint ? <p className="mt-1 text-xs break-words text-zinc-500">{hint}</p> : null}
      <FieldErrorList id={`${id}-error`} errors={errors} />
    </div>
  );
}

export function FieldErrorList({ id, errors }: { id?: string; errors?: string[] }) {
  if (!errors || errors.length === 0) return null;
  return (
    <ul id={id} role="alert" data-field-error className="mt-1.5 space-y-0.5 text-sm text-red-700">
      {errors.map((e) => (
        <li key={e}>{e}</li>
      ))}
    </ul>
  );
}

export function inputClass(invalid = false, extra = ""): string {
  // A caller that sets a width (w-32, min-w-48 + flex-1) gets it; otherwise the input fills its cell.
  const width = /(^|\s)(w-|flex-1)/.test(extra) ? "" : "w-full";
  return `block ${width} rounded-md border bg-white px-2.5 py-1.5 text-sm shadow-xs placeholder:text-zinc-400 focus:outline-2 focus:-outline-offset-1 ${
    invalid ? "border-red-400 focus:outline-red-500" : "border-zinc-300 focus:outline-blue-600"
  } ${extra}`;
}
