"use client";

import { formatBytes } from "@/lib/executions/athena-cost";
import { formatUtcShort } from "@/components/executions/time";
import { Badge, type Tone } from "@/components/ui/badge";

export interface HistoryEntry {
  queryExecutionId: string;
  sql: string;
  /** ISO time the run started. */
  startedAt: string;
  state: string;
  dataScannedBytes: number | null;
}

const TONE: Record<string, Tone> = { SUCCEEDED: "green", FAILED: "red", CANCELLED: "gray" };

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
        <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white">
          <table className="w-full text-sm">
            <thead className="border-b border-zinc-200 bg-zinc-50 text-left text-xs text-zinc-600">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  SQL
                </th>
                <th scope="col" className="px-3 py-2 font-medium whitespace-nowrap">
                  Started (UTC)
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  State
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium whitespace-nowrap">
                  Data scanned
                </th>
                <th scope="col" className="px-3 py-2">
                  <span className="sr-only">Open</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100">
              {entries.map((e) => (
                <tr key={e.queryExecutionId} className={e.queryExecutionId === activeId ? "bg-blue-50/50" : ""}>
                  <td className="max-w-0 px-3 py-1.5">
                    <code className="block truncate font-mono text-xs text-zinc-800" title={e.sql}>
                      {e.sql.replace(/\s+/g, " ").trim()}
                    </code>
                  </td>
                  <td className="px-3 py-1.5 font-mono text-xs whitespace-nowrap text-zinc-600">
                    {formatUtcShort(e.startedAt)}
                  </td>
                  <td className="px-3 py-1.5">
                    <Badge tone={TONE[e.state] ?? "blue"}>{e.state}</Badge>
                  </td>
                  <td className="px-3 py-1.5 text-right text-xs tabular-nums whitespace-nowrap text-zinc-600">
                    {formatBytes(e.dataScannedBytes)}
                  </td>
                  <td className="px-3 py-1.5 text-right">
                    <button
                      type="button"
                      onClick={() => onOpen(e)}
                      className="text-xs font-medium text-blue-700 hover:underline"
                    >
                      Open
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
