/** Pretty-printed JSON in a collapsible block (closed by default unless `open`). */
export function JsonBlock({
  summary,
  value,
  open = false,
  testId,
}: {
  summary: React.ReactNode;
  value: unknown;
  open?: boolean;
  testId?: string;
}) {
  const text = typeof value === "string" ? prettyIfJson(value) : JSON.stringify(value, null, 2);
  return (
    <details open={open} className="group rounded-md border border-zinc-200 bg-white" data-testid={testId}>
      <summary className="flex cursor-pointer items-center gap-2 px-3 py-2 text-sm text-zinc-700 select-none">
        <span aria-hidden className="text-zinc-400 transition-transform group-open:rotate-90">
          ▸
        </span>
        {summary}
      </summary>
      <pre className="max-h-[28rem] overflow-auto border-t border-zinc-100 bg-zinc-50 px-3 py-2 font-mono text-xs leading-5 whitespace-pre-wrap break-all">
        {text}
      </pre>
    </details>
  );
}

function prettyIfJson(s: string): string {
  try {
    return JSON.stringify(JSON.parse(s), null, 2);
  } catch {
    return s;
  }
}
