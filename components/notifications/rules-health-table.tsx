// Notification rules with their delivery health (last 24 h, from CloudWatch): on the notifications page for all
// checks, on a check's page for that check.
import { Link } from "@/components/ui/link";
import { Badge } from "@/components/ui/badge";
import { NumericCell, Table, TableBody, TableHead, TableRow } from "@/components/ui/table";
import type { CheckNotificationRecord } from "@/lib/db/check-notifications";
import type { RuleHealth } from "@/lib/notifications/delivery";

const nf = new Intl.NumberFormat("en-US");

export function modeLabel(mode: CheckNotificationRecord["mode"]): string {
  return mode === "change" ? "when the verdict changes" : "every run";
}

export function RulesHealthTable({
  rules,
  ruleNames,
  health,
  showCheck,
}: {
  rules: CheckNotificationRecord[];
  /** The AWS rule name of each notification rule (by its id). */
  ruleNames: Map<string, string>;
  health: Map<string, RuleHealth> | null;
  showCheck: boolean;
}) {
  return (
    <Table>
      <TableHead
        columns={[
          showCheck ? { label: "Check" } : null,
          { label: "Destination" },
          { label: "Verdicts" },
          { label: "Sends" },
          { label: "EventBridge rule" },
          { label: "Invocations 24 h", numeric: true },
          { label: "Failed 24 h", numeric: true },
        ]}
      />
      <TableBody>
        {rules.map((r) => {
          const name = ruleNames.get(r.id) ?? "";
          const h = health?.get(name);
          return (
            <TableRow key={r.id}>
              {showCheck ? (
                <td className="px-3 py-2">
                  <Link href={`/checks/${r.checkId}`} className="text-blue-700 hover:underline">
                    {r.checkName}
                  </Link>
                </td>
              ) : null}
              <td className="px-3 py-2 font-mono text-xs">{r.destinationName}</td>
              <td className="px-3 py-2 whitespace-nowrap">
                {r.verdicts.map((v) => (
                  <span key={v} className="mr-1">
                    <Badge tone={v === "PASS" ? "green" : v === "FAIL" ? "red" : "amber"}>{v}</Badge>
                  </span>
                ))}
              </td>
              <td className="px-3 py-2 text-zinc-700">{modeLabel(r.mode)}</td>
              <td className="max-w-64 px-3 py-2 font-mono text-xs break-all text-zinc-600">{name}</td>
              <NumericCell className="px-3 py-2">{h ? nf.format(h.invocations) : "—"}</NumericCell>
              <NumericCell className={`px-3 py-2 ${h && h.failedInvocations > 0 ? "font-semibold text-red-700" : ""}`}>
                {h ? nf.format(h.failedInvocations) : "—"}
              </NumericCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
