// Findings on the check page (every finding of the check) and on the execution page (what that run did): key
// values, status, first / last seen, occurrences, acknowledgement, and the acknowledge form for operators.
import { Link } from "@/components/ui/link";
import { Badge, type Tone } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { formatUtcShort } from "@/components/executions/time";
import { NumericCell, Table, TableBody, TableHead, type TableColumn } from "@/components/ui/table";
import {
  executionFindingContext,
  findingsOfCheck,
  findingsOfExecution,
  type FindingChange,
  type FindingRecord,
} from "@/lib/db/findings";
import { AckForm } from "./ack-form";

const CHANGE: Record<FindingChange, { label: string; tone: Tone }> = {
  NEW: { label: "New", tone: "red" },
  OPEN: { label: "Still open", tone: "amber" },
  RESOLVED: { label: "Resolved", tone: "green" },
};

/** The key values in the check's key order (the database keeps JSON keys sorted). */
function KeyValues({ values, keys }: { values: FindingRecord["keyValues"]; keys: string[] }) {
  const order = [...keys.filter((k) => k in values), ...Object.keys(values).filter((k) => !keys.includes(k))];
  return (
    <dl className="flex flex-wrap gap-x-3 gap-y-0.5 text-xs">
      {order
        .map((k) => [k, values[k] ?? null] as const)
        .map(([k, v]) => (
          <div key={k} className="flex min-w-0 gap-1">
            <dt className="text-zinc-500">{k}</dt>
            <dd className="font-mono text-zinc-900 wrap-anywhere">
              {v === null ? (
                <span className="text-zinc-400">NULL</span>
              ) : v === "" ? (
                <span className="text-zinc-400">(empty)</span>
              ) : (
                v
              )}
            </dd>
          </div>
        ))}
    </dl>
  );
}

function Ack({ f }: { f: FindingRecord }) {
  if (!f.ack) return <span className="text-zinc-400">—</span>;
  const expired = !f.acknowledged;
  return (
    <div className="max-w-72 space-y-0.5 text-xs">
      <Badge tone={expired ? "gray" : "blue"}>{expired ? "Acknowledgement expired" : "Acknowledged"}</Badge>
      <p className="text-zinc-800 wrap-anywhere">{f.ack.comment}</p>
      <p className="text-zinc-500">
        {f.ack.by}, {formatUtcShort(f.ack.at)}
        {f.ack.until ? ` · until ${f.ack.until.toISOString().slice(0, 10)}` : " · for good"}
      </p>
    </div>
  );
}

const COLUMNS: TableColumn[] = [
  { label: "Finding", className: "pr-3" },
  { label: "Status", className: "px-3" },
  { label: "First seen (UTC)", className: "px-3" },
  { label: "Last seen (UTC)", className: "px-3" },
  { label: "Runs", numeric: true, className: "px-3" },
  { label: "Acknowledgement", className: "px-3" },
  { label: "", className: "pl-3" },
];

function FindingRows({
  findings,
  keys,
}: {
  findings: (FindingRecord & { change?: FindingChange; rowCount?: number })[];
  keys: string[];
}) {
  return (
    <Table framed={false}>
      <TableHead tinted={false} cell="py-2" columns={COLUMNS} />
      <TableBody>
        {findings.map((f) => {
          const change = f.change ?? (f.status === "OPEN" ? "OPEN" : "RESOLVED");
          return (
            <tr key={f.id} data-finding={f.id} className="align-top">
              <td className="max-w-[28rem] py-2 pr-3">
                <KeyValues values={f.keyValues} keys={keys} />
                {f.rowCount !== undefined && f.rowCount > 1 ? (
                  <p className="mt-0.5 text-xs text-amber-700">{f.rowCount} rows with this key in this run</p>
                ) : null}
              </td>
              <td className="px-3 py-2">
                <Badge tone={CHANGE[change].tone}>
                  {f.change ? CHANGE[change].label : f.status === "OPEN" ? "Open" : "Resolved"}
                </Badge>
              </td>
              <td className="whitespace-nowrap px-3 py-2 font-mono text-xs tabular-nums">
                {formatUtcShort(f.firstSeenAt)}
              </td>
              <td className="whitespace-nowrap px-3 py-2 font-mono text-xs tabular-nums">
                {formatUtcShort(f.lastSeenAt)}
              </td>
              <NumericCell className="px-3 py-2 text-xs">{f.occurrenceCount.toLocaleString("en-US")}</NumericCell>
              <td className="px-3 py-2">
                <Ack f={f} />
              </td>
              <td className="py-2 pl-3 text-right">
                <AckForm findingId={f.id} acknowledged={f.acknowledged} />
              </td>
            </tr>
          );
        })}
      </TableBody>
    </Table>
  );
}

/** The check page's findings. */
export async function CheckFindingsPanel({ checkId, findingKeys }: { checkId: string; findingKeys: string[] }) {
  if (findingKeys.length === 0) return null;
  const { findings, counts } = await findingsOfCheck(checkId);
  return (
    <Card
      title="Findings"
      titleId="findings-heading"
      aria-labelledby="findings-heading"
      data-testid="check-findings"
      description={
        <>
          Rows identified by <span className="font-mono">{findingKeys.join(", ")}</span>, followed from run to run.{" "}
          <span className="tabular-nums">
            {counts.open.toLocaleString("en-US")} open ({counts.acknowledged.toLocaleString("en-US")} acknowledged),{" "}
            {counts.resolved.toLocaleString("en-US")} resolved.
          </span>
        </>
      }
    >
      {findings.length === 0 ? (
        <p className="text-sm text-zinc-500">No findings yet: they appear once a run&apos;s result has been copied.</p>
      ) : (
        <FindingRows findings={findings} keys={findingKeys} />
      )}
    </Card>
  );
}

/** What one run did to its check's findings. */
export async function ExecutionFindingsPanel({ executionName }: { executionName: string }) {
  const context = await executionFindingContext(executionName);
  if (!context || context.findingKeys.length === 0) return null;
  const { run, findings } = await findingsOfExecution(context.executionId);
  return (
    <Card
      title="Findings in this run"
      titleId="run-findings-heading"
      aria-labelledby="run-findings-heading"
      data-testid="execution-findings"
      actions={
        <Link
          href={`/executions/${encodeURIComponent(executionName)}/compare`}
          className="text-sm text-blue-700 hover:underline"
        >
          Compare with the previous run
        </Link>
      }
      description={
        run ? (
          <span className="tabular-nums" data-testid="run-findings-summary">
            {run.newCount} new, {run.openCount} still open, {run.resolvedCount} resolved ·{" "}
            {run.rows.toLocaleString("en-US")} rows
            {run.duplicateRows ? ` (${run.duplicateRows} with a key already seen in this run)` : ""}
            {run.note ? ` · ${run.note}` : ""}
          </span>
        ) : (
          "Not computed yet: findings follow once the run's result has been copied."
        )
      }
    >
      {findings.length === 0 ? (
        <p className="text-sm text-zinc-500">{run ? "No findings in this run." : "—"}</p>
      ) : (
        <FindingRows findings={findings} keys={context.findingKeys} />
      )}
    </Card>
  );
}
