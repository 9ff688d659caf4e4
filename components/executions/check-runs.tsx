import { Link } from "@/components/ui/link";
import type { Check } from "@/lib/checks/types";
import { recentRuns, type TrendRange } from "@/lib/db/executions";
import { groupDigits } from "@/lib/executions/result-format";
import { Card } from "@/components/ui/card";
import { NumericCell, Table, TableBody, TableHead, type TableColumn } from "@/components/ui/table";
import { RunNowButton } from "./action-buttons";
import { StatusBadge, TriggerLabel, VerdictBadge } from "./badges";
import { LiveRefresh } from "./live-refresh";
import { RunsTrend } from "./runs-trend";
import { formatElapsed, formatUtcShort } from "./time";

const SHOWN = 10;

const COLUMNS: TableColumn[] = [
  { label: "Execution", className: "pr-3" },
  { label: "Trigger", className: "px-3" },
  { label: "Status", className: "px-3" },
  { label: "Verdict", className: "px-3" },
  { label: "First value", numeric: true, className: "px-3" },
  { label: "Started (UTC)", className: "px-3" },
  { label: "Duration", numeric: true, className: "pl-3" },
];

/** A check's recent runs and their trend, with Run now and Test trigger (the check page's runs section). */
export async function CheckRuns({
  check,
  range,
  hrefFor,
}: {
  check: Pick<Check, "id" | "trigger" | "expectation">;
  range: TrendRange;
  hrefFor: (range: TrendRange) => string;
}) {
  const checkId = check.id;
  const runs = await recentRuns(checkId, SHOWN + 1);
  const eventTriggered = check.trigger.kind === "eventPattern";
  const now = new Date();
  const running = runs.some((r) => r.status === "RUNNING");
  return (
    <Card
      title="Runs"
      titleId="runs-heading"
      aria-labelledby="runs-heading"
      data-testid="check-runs"
      bodyClassName=""
      beside={<LiveRefresh active={running} intervalMs={3000} syncUrl="/executions/live" />}
      actions={
        <div className="flex items-center gap-2">
          {eventTriggered ? (
            <Link href={`/executions/test-trigger?check=${checkId}`} className="text-sm text-blue-700 hover:underline">
              Test trigger
            </Link>
          ) : null}
          <Link href={`/executions?check=${checkId}`} className="text-sm text-blue-700 hover:underline">
            All runs
          </Link>
          <RunNowButton checkId={checkId} />
        </div>
      }
    >
      {runs.length === 0 ? (
        <p className="mt-3 text-sm text-zinc-500">No runs yet. Run it now, or wait for its trigger.</p>
      ) : (
        <div className="mt-4 space-y-4">
          <RunsTrend checkId={checkId} expectation={check.expectation} range={range} hrefFor={hrefFor} />
          <Table framed={false}>
            <TableHead tinted={false} cell="py-2" columns={COLUMNS} />
            <TableBody>
              {runs.slice(0, SHOWN).map((r) => (
                <tr key={r.id} data-execution={r.name}>
                  <td className="max-w-[22rem] py-2 pr-3">
                    <Link
                      href={`/executions/${encodeURIComponent(r.name)}`}
                      className="font-mono text-xs text-blue-700 hover:underline wrap-anywhere"
                    >
                      {r.name}
                    </Link>
                  </td>
                  <td className="px-3 py-2">
                    <TriggerLabel kind={r.triggerKind} />
                  </td>
                  <td className="px-3 py-2">
                    <StatusBadge status={r.status} />
                  </td>
                  <td className="px-3 py-2">
                    <VerdictBadge verdict={r.verdict} />
                  </td>
                  <NumericCell className="px-3 py-2 font-mono text-xs">
                    {r.firstValue === null ? (
                      <span className="text-zinc-400">—</span>
                    ) : (
                      (groupDigits(r.firstValue) ?? r.firstValue)
                    )}
                  </NumericCell>
                  <td className="whitespace-nowrap px-3 py-2 font-mono text-xs tabular-nums text-zinc-700">
                    {formatUtcShort(r.startDate)}
                  </td>
                  <NumericCell className="whitespace-nowrap py-2 pl-3 text-xs text-zinc-700">
                    {formatElapsed(r.startDate, r.stopDate, now)}
                  </NumericCell>
                </tr>
              ))}
            </TableBody>
          </Table>
          {runs.length > SHOWN ? (
            <Link href={`/executions?check=${checkId}`} className="inline-block text-sm text-blue-700 hover:underline">
              All runs of this check →
            </Link>
          ) : null}
        </div>
      )}
    </Card>
  );
}
