"use client";

import { formatBytes } from "@/lib/executions/athena-cost";
import { formatUtcShort } from "@/components/executions/time";
import { QueryStateBadge } from "@/components/executions/badges";

export interface HistoryEntry {
  queryExecutionId: string;
  sql: string;
  /** ISO time the run started. */
  startedAt: string;
  state: string;
  dataScannedBytes: number | null;
}

/** The operator's recent ad-hoc runs, newest first; Open puts the SQL back in the editor and shows its result. */
export function QueryHistory({
  entries,
  onOpen,
  activeId,
}: {
  entries: HistoryEntry[];
  onOpen: (entry: HistoryEntry) => void;
  activeId: string | null;
}) {
  return (
    <section aria-label="History" className="space-y-2" data-testid="query-history">
      <h2 className="text-xs font-medium uppercase tracking-wide text-zinc-500">Your last runs</h2>
      {entries.length === 0 ? (
        <p className="text-sm text-zinc-500">No queries run yet. The last 50 you run are kept here.</p>
      ) : (
        <ul className="divide-y divide-zinc-100 rounded-lg border border-zinc-200 bg-white">
          {entries.map((e) => (
            <li
              key={e.queryExecutionId}
              className={`flex items-center gap-3 px-3 py-1.5 ${e.queryExecutionId === activeId ? "bg-blue-50/50" : ""}`}
            >
              <div className="min-w-0 flex-1">
                <code className="block truncate font-mono text-xs text-zinc-800" title={e.sql}>
                  {e.sql.replace(/\s+/g, " ").trim()}
                </code>
                <p className="mt-0.5 flex flex-wrap items-center gap-x-3 text-xs text-zinc-500">
                  <span className="font-mono">{formatUtcShort(e.startedAt)} UTC</span>
                  <QueryStateBadge state={e.state} />
                  <span className="tabular-nums">{formatBytes(e.dataScannedBytes)} scanned</span>
                </p>
              </div>
              <button
                type="button"
                onClick={() => onOpen(e)}
                aria-label={`Open the run of ${formatUtcShort(e.startedAt)}`}
                className="shrink-0 text-xs font-medium text-blue-700 hover:underline"
              >
                Open
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
