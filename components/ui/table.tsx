import type { ComponentProps, ReactNode } from "react";

/**
 * A table in its bordered, horizontally scrolling frame (`framed={false}` inside a card that is the frame already).
 * `className` sets the table's width rule: `min-w-full` by default.
 */
export function Table({
  framed = true,
  busy,
  className = "min-w-full",
  ...props
}: ComponentProps<"table"> & { framed?: boolean; busy?: boolean }) {
  const table = <table className={`text-sm ${className}`} {...props} />;
  if (!framed) return table;
  return (
    <div className="relative overflow-x-auto rounded-lg border border-zinc-200 bg-white shadow-xs" aria-busy={busy}>
      {table}
    </div>
  );
}

export interface TableColumn {
  label: ReactNode;
  /** Right-aligned, as the numbers of its cells are. */
  numeric?: boolean;
  className?: string;
  sort?: "ascending" | "descending" | "none";
}

/** The header row: small uppercase labels, tinted in a framed table. `cell` is the padding every column shares. */
export function TableHead({
  columns,
  cell = "px-3 py-2",
  tinted = true,
  ruled = true,
}: {
  columns: (TableColumn | null | false)[];
  cell?: string;
  tinted?: boolean;
  /** A line under the labels; a small table inside running text goes without. */
  ruled?: boolean;
}) {
  return (
    <thead
      className={`text-left text-xs font-medium uppercase tracking-wide text-zinc-500 ${ruled ? "border-b border-zinc-200" : ""} ${tinted ? "bg-zinc-50" : ""}`}
    >
      <tr>
        {columns.map((c, i) =>
          c ? (
            <th
              key={i}
              scope="col"
              aria-sort={c.sort}
              className={`${cell} ${c.numeric ? "text-right" : ""} ${c.className ?? ""}`}
            >
              {c.label}
            </th>
          ) : null,
        )}
      </tr>
    </thead>
  );
}

/** The rows, a thin line between each two. */
export function TableBody(props: ComponentProps<"tbody">) {
  return <tbody className="divide-y divide-zinc-100" {...props} />;
}

/** A row that lights up under the pointer when it leads somewhere (a list's rows). */
export function TableRow({ hover = false, className = "", ...props }: ComponentProps<"tr"> & { hover?: boolean }) {
  return <tr className={`${hover ? "hover:bg-zinc-50" : ""} ${className}`} {...props} />;
}

/** A cell holding a number: right-aligned, tabular figures so digits line up down the column. */
export function NumericCell({ className = "", ...props }: ComponentProps<"td">) {
  return <td className={`text-right tabular-nums ${className}`} {...props} />;
}
