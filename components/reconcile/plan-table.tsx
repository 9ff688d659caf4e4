// The plan as a table: what each rule needs and why, drift marked, and a field-level diff (observed → desired).
import type { PlanItem } from "@/lib/reconcile/plan";
import { Badge, type Tone } from "@/components/ui/badge";
import { Table, TableBody, TableHead, type TableColumn } from "@/components/ui/table";

const COLUMNS: TableColumn[] = [
  { label: "Rule" },
  { label: "Check" },
  { label: "Action" },
  { label: "Why" },
  { label: "API calls" },
];

const ACTION_TONE: Record<PlanItem["action"], Tone> = {
  create: "blue",
  update: "amber",
  enable: "amber",
  disable: "amber",
  delete: "red",
  noop: "green",
  conflict: "red",
  unmanaged: "gray",
};

const ACTION_LABEL: Record<PlanItem["action"], string> = {
  create: "Create",
  update: "Update",
  enable: "Enable",
  disable: "Disable",
  delete: "Delete",
  noop: "No change",
  conflict: "Conflict",
  unmanaged: "Not ours",
};

function pretty(value: string | null): string {
  if (value === null) return "—";
  try {
    return JSON.stringify(JSON.parse(value), null, 2);
  } catch {
    return value;
  }
}

function Diff({ item }: { item: PlanItem }) {
  if (item.changes.length === 0) return null;
  return (
    <details className="mt-2">
      <summary className="cursor-pointer text-xs text-zinc-600">
        Diff ({item.changes.length} field{item.changes.length === 1 ? "" : "s"})
      </summary>
      <dl className="mt-2 space-y-3">
        {item.changes.map((c) => (
          <div key={c.field}>
            <dt className="text-xs font-medium text-zinc-700">{c.field}</dt>
            <dd className="mt-1 grid grid-cols-1 gap-2 md:grid-cols-2">
              <pre
                className="max-h-64 overflow-auto rounded bg-red-50 p-2 text-xs text-red-900"
                aria-label="In AWS now"
              >
                <span className="sr-only">In AWS now: </span>
                {pretty(c.observed)}
              </pre>
              <pre
                className="max-h-64 overflow-auto rounded bg-emerald-50 p-2 text-xs text-emerald-900"
                aria-label="Desired"
              >
                <span className="sr-only">Desired: </span>
                {pretty(c.desired)}
              </pre>
            </dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

/** Rows needing work first, then the rest; rules that need nothing are collapsed into a count by the caller. */
export function PlanTable({ items }: { items: PlanItem[] }) {
  if (items.length === 0) return <p className="text-sm text-zinc-600">Nothing here.</p>;
  return (
    <Table>
      <TableHead cell="px-4 py-2" columns={COLUMNS} />
      <TableBody>
        {items.map((item) => (
          <tr key={`${item.ruleName}-${item.checkId ?? ""}`} className="align-top">
            <td className="px-4 py-3 font-mono text-xs">{item.ruleName}</td>
            <td className="px-4 py-3">
              {item.checkId && item.checkName ? (
                <a className="text-blue-700 hover:underline" href={`/checks/${item.checkId}`}>
                  {item.checkName}
                </a>
              ) : (
                <span className="text-zinc-500">—</span>
              )}
            </td>
            <td className="px-4 py-3">
              <span className="flex flex-wrap gap-1">
                <Badge tone={ACTION_TONE[item.action]}>{ACTION_LABEL[item.action]}</Badge>
                {item.drift ? (
                  <Badge tone="amber" title="AWS differs from a spec this console had already applied">
                    Drift
                  </Badge>
                ) : null}
              </span>
            </td>
            <td className="px-4 py-3">
              <ul className="list-disc space-y-0.5 pl-4 text-zinc-700">
                {item.reasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
              <Diff item={item} />
              {!item.detailed && item.action === "noop" ? (
                <p className="mt-1 text-xs text-zinc-500">
                  Targets and tags vouched for by the Description hash this pass.
                </p>
              ) : null}
            </td>
            <td className="px-4 py-3 font-mono text-xs text-zinc-600">
              {item.calls.map((c) => c.op).join(" → ") || "—"}
            </td>
          </tr>
        ))}
      </TableBody>
    </Table>
  );
}
