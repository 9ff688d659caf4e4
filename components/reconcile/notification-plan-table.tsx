// The notification part of the plan: connections, API destinations and notification rules, what each needs and
// why. Secrets never reach this table (the plan shows a changed URL or key as "(secret)"); only the calls' names
// are rendered, never their inputs.
import { Badge, type Tone } from "@/components/ui/badge";
import { Table, TableBody, TableHead, TableRow } from "@/components/ui/table";
import type { NotificationPlanItem } from "@/lib/reconcile/notification-plan";

const TONE: Record<NotificationPlanItem["action"], Tone> = {
  create: "blue",
  update: "amber",
  delete: "red",
  noop: "green",
  conflict: "red",
  unmanaged: "gray",
};

const RESOURCE: Record<NotificationPlanItem["resource"], string> = {
  connection: "Connection",
  "api-destination": "API destination",
  rule: "Rule",
};

export function NotificationPlanTable({
  items,
  failures,
}: {
  items: NotificationPlanItem[];
  /** Last applied pass: what failed, by name. */
  failures?: Map<string, string>;
}) {
  return (
    <Table>
      <TableHead
        columns={[
          { label: "Resource" },
          { label: "For" },
          { label: "Action" },
          { label: "Why" },
          { label: "API calls" },
        ]}
      />
      <TableBody>
        {items.map((i) => (
          <TableRow key={`${i.resource}:${i.name}`}>
            <td className="px-3 py-2 align-top">
              <span className="block text-xs text-zinc-500">{RESOURCE[i.resource]}</span>
              <span className="font-mono text-xs break-all">{i.name}</span>
            </td>
            <td className="px-3 py-2 align-top text-sm">
              {i.checkName ? <span className="block">{i.checkName}</span> : null}
              {i.destinationName ? <span className="font-mono text-xs text-zinc-600">→ {i.destinationName}</span> : "—"}
            </td>
            <td className="px-3 py-2 align-top">
              <Badge tone={TONE[i.action]}>{i.action === "noop" ? "in sync" : i.action}</Badge>
            </td>
            <td className="px-3 py-2 align-top text-sm text-zinc-700">
              {i.reasons.join("; ") || "—"}
              {failures?.get(i.name) ? (
                <span className="block text-red-700">Last pass: {failures.get(i.name)}</span>
              ) : null}
            </td>
            <td className="px-3 py-2 align-top font-mono text-xs text-zinc-600">
              {i.calls.map((c) => c.op).join(" → ") || "—"}
            </td>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
