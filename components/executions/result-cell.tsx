import type { ResultColumn } from "@/lib/executions/result-columns";
import { formatCell, LONG_TEXT_CHARS } from "@/lib/executions/result-format";

const MONO = new Set([
  "integer",
  "decimal",
  "float",
  "binary",
  "structured",
  "json",
  "timestamp",
  "date",
  "time",
  "interval",
]);

/** One value of the result table: NULL and '' look different, long values fold, numbers line up. */
export function ResultCell({ column, value }: { column: ResultColumn; value: string | null }) {
  const cell = formatCell(column.kind, value);
  const base = `px-3 py-1.5 align-top ${column.align === "right" ? "text-right tabular-nums" : "text-left"} ${MONO.has(column.kind) ? "font-mono text-xs" : ""}`;
  if (cell.tone === "null") {
    return (
      <td className={base} data-null>
        <span
          className="rounded bg-zinc-100 px-1 font-mono text-[10px] font-semibold tracking-wide text-zinc-400"
          title="SQL NULL"
        >
          NULL
        </span>
      </td>
    );
  }
  if (cell.tone === "empty") {
    return (
      <td className={base} data-empty>
        <span className="font-mono text-xs text-zinc-300" title="Empty string">
          &apos;&apos;
        </span>
      </td>
    );
  }
  if (cell.long) {
    const preview = cell.text.split("\n")[0]!.slice(0, LONG_TEXT_CHARS);
    return (
      <td className={`${base} max-w-[36rem]`}>
        <details className="group">
          <summary className="cursor-pointer list-none">
            <span className="group-open:hidden">
              {preview}
              <span className="ml-1 rounded bg-zinc-100 px-1 text-[10px] text-zinc-500">
                +{(cell.text.length - preview.length).toLocaleString("en-US")} chars
              </span>
            </span>
            <span className="hidden text-[10px] text-zinc-500 group-open:inline">collapse</span>
          </summary>
          <pre className="mt-1 max-h-80 overflow-auto whitespace-pre-wrap break-all rounded bg-zinc-50 p-2 font-mono text-xs">
            {cell.text}
          </pre>
        </details>
      </td>
    );
  }
  return (
    <td className={`${base} whitespace-nowrap`} title={cell.text !== cell.raw ? (cell.raw ?? undefined) : undefined}>
      {column.kind === "boolean" ? (
        <span className={cell.text === "true" ? "text-emerald-700" : "text-zinc-500"}>{cell.text}</span>
      ) : (
        cell.text
      )}
    </td>
  );
}
