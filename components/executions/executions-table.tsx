import { Link } from "@/components/ui/link";
import type { ExecutionListRow } from "@/lib/db/executions";
import { groupDigits } from "@/lib/executions/result-format";
import { NumericCell, Table, TableBody, TableHead, TableRow } from "@/components/ui/table";
import { StatusBadge, TriggerLabel, VerdictBadge } from "./badges";
import { formatElapsed, formatUtcShort } from "./time";

// Tight horizontal padding below xl so all eight columns fit a 1024 px window without sideways scrolling.
const cell = "px-2 py-2 xl:px-3";

/** The executions list: each row names its execution (the id operators search for) and links to its page. */
export function ExecutionsTable({
  rows,
  now,
  showCheck = true,
}: {
  rows: ExecutionListRow[];
  now: Date;
  showCheck?: boolean;
}) {
  return (
    <Table data-testid="executions-table">
      <TableHead
        cell={cell}
        columns={[
          { label: "Execution", className: "pl-3" },
          showCheck && { label: "Check" },
          { label: "Trigger" },
          { label: "Status" },
          { label: "Verdict" },
          { label: "First value", numeric: true },
          { label: "Started (UTC)" },
          { label: "Duration", numeric: true, className: "pr-3" },
        ]}
      />
      <TableBody>
        {rows.map((r) => (
          <TableRow key={r.id} hover className="align-top" data-execution={r.name}>
            <td className={`${cell} w-[15rem] min-w-[11rem] pl-3 xl:w-[22rem]`}>
              <Link
                href={`/executions/${encodeURIComponent(r.name)}`}
                className="font-mono text-xs text-blue-700 hover:underline wrap-anywhere"
              >
                {r.name}
              </Link>
              {r.error || r.cause ? (
                <p
                  className="mt-0.5 line-clamp-2 text-xs wrap-anywhere text-red-700"
                  title={[r.error, r.cause].filter(Boolean).join(": ")}
                >
                  <span className="font-mono">{r.error}</span>
                  {r.cause ? (
                    <span className="text-red-600/80">
                      {r.error ? " — " : ""}
                      {r.cause}
                    </span>
                  ) : null}
                </p>
              ) : null}
            </td>
            {showCheck ? (
              <td className={cell}>
                {r.checkId && r.checkName ? (
                  <Link href={`/checks/${r.checkId}`} className="text-zinc-800 hover:underline">
                    {r.checkName}
                  </Link>
                ) : (
                  <span
                    className="text-zinc-500"
                    title={r.checkId ? "This check was deleted." : "The input names no check of this console."}
                  >
                    {r.checkSlug ?? "—"}
                    {r.checkId ? " (deleted)" : ""}
                  </span>
                )}
                {r.checkGeneration !== null ? (
                  <span className="ml-1 whitespace-nowrap text-xs text-zinc-400">gen {r.checkGeneration}</span>
                ) : null}
              </td>
            ) : null}
            <td className={cell}>
              <TriggerLabel kind={r.triggerKind} />
              {r.actorName ? <div className="max-w-40 truncate text-xs text-zinc-500">by {r.actorName}</div> : null}
            </td>
            <td className={cell}>
              <StatusBadge status={r.status} />
            </td>
            <td className={cell}>
              <VerdictBadge verdict={r.verdict} />
            </td>
            <NumericCell className={`${cell} font-mono text-xs`}>
              {r.firstValue === null ? (
                <span className="text-zinc-400">—</span>
              ) : (
                (groupDigits(r.firstValue) ?? r.firstValue)
              )}
            </NumericCell>
            <td className={`${cell} whitespace-nowrap font-mono text-xs tabular-nums text-zinc-700`}>
              {formatUtcShort(r.startDate)}
            </td>
            <NumericCell className={`${cell} whitespace-nowrap pr-3 text-xs text-zinc-700`}>
              {r.status === "RUNNING" ? (
                <span className="text-blue-700">{formatElapsed(r.startDate, null, now)}…</span>
              ) : (
                formatElapsed(r.startDate, r.stopDate, now)
              )}
            </NumericCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
