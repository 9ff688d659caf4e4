// Audit events as a table: when, who, what, on what, outcome and the field-level changes.
import { Link } from "@/components/ui/link";
import { Badge } from "@/components/ui/badge";
import { formatUtcSecond } from "@/components/ui/format";
import type { AuditEvent } from "@/lib/db/audit-events";

function show(value: unknown): string {
  if (value === null || value === undefined) return "—";
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** Each changed field with its value before and after. */
export function DiffList({ diff }: { diff: AuditEvent["diff"] }) {
  const entries = Object.entries(diff ?? {});
  if (entries.length === 0) return null;
  return (
    <dl className="space-y-1 text-xs">
      {entries.map(([field, change]) => (
        <div key={field} className="min-w-0">
          <dt className="font-medium text-zinc-700">{field}</dt>
          <dd className="font-mono break-words text-zinc-600">
            <del className="bg-red-50 text-red-800 no-underline decoration-red-300 line-through">
              {show(change.before)}
            </del>
            {" → "}
            <ins className="bg-emerald-50 text-emerald-800 no-underline">{show(change.after)}</ins>
          </dd>
        </div>
      ))}
    </dl>
  );
}

function Target({ e }: { e: AuditEvent }) {
  if (e.targetKind === "check" && e.checkId && e.action !== "check.delete") {
    return (
      <Link href={`/checks/${e.checkId}`} className="text-blue-700 hover:underline">
        {e.targetName ?? e.checkId}
      </Link>
    );
  }
  if (e.targetKind === "execution" && e.targetId) {
    return (
      <Link href={`/executions/${encodeURIComponent(e.targetId)}`} className="text-blue-700 hover:underline">
        {e.targetName ?? e.targetId}
      </Link>
    );
  }
  return <span>{e.targetName ?? e.targetId ?? (e.detail?.path as string | undefined) ?? "—"}</span>;
}

export function AuditTable({ events, showTarget = true }: { events: AuditEvent[]; showTarget?: boolean }) {
  if (events.length === 0) return <p className="text-sm text-zinc-600">No events match.</p>;
  return (
    <div className="overflow-x-auto rounded-md border border-zinc-200 bg-white">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-zinc-200 bg-zinc-50 text-xs text-zinc-600">
          <tr>
            <th className="px-3 py-2 font-medium">Time (UTC)</th>
            <th className="px-3 py-2 font-medium">Actor</th>
            <th className="px-3 py-2 font-medium">Action</th>
            {showTarget ? <th className="px-3 py-2 font-medium">Target</th> : null}
            <th className="px-3 py-2 font-medium">Changes</th>
            <th className="px-3 py-2 font-medium">From</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 align-top">
          {events.map((e) => (
            <tr key={e.id}>
              <td className="px-3 py-2 whitespace-nowrap text-zinc-700">{formatUtcSecond(e.at)}</td>
              <td className="px-3 py-2">
                <span className="text-zinc-900">{e.actorName}</span>
                <span className="block text-xs text-zinc-500">{e.actorId}</span>
              </td>
              <td className="px-3 py-2 whitespace-nowrap">
                <span className="font-mono text-xs">{e.action}</span>{" "}
                {e.outcome === "refused" ? <Badge tone="red">refused</Badge> : null}
              </td>
              {showTarget ? (
                <td className="max-w-56 px-3 py-2 break-words">
                  <Target e={e} />
                </td>
              ) : null}
              <td className="max-w-md min-w-48 px-3 py-2">
                <DiffList diff={e.diff} />
                {e.outcome === "refused" && typeof e.detail?.permission === "string" ? (
                  <span className="text-xs text-zinc-600">needs {e.detail.permission as string}</span>
                ) : null}
              </td>
              <td className="max-w-48 px-3 py-2 text-xs break-words text-zinc-500">
                {e.ip ?? "—"}
                {e.userAgent ? (
                  <span className="block truncate" title={e.userAgent}>
                    {e.userAgent}
                  </span>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
