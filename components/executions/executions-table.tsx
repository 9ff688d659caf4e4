import Link from "next/link";
import type { ExecutionListRow } from "@/lib/db/executions";
import { groupDigits } from "@/lib/executions/result-format";
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
    <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white shadow-xs">
      <table className="min-w-full text-sm" data-testid="executions-table">
        <thead className="border-b border-zinc-200 bg-zinc-50 text-left text-xs font-medium uppercase tracking-wide text-zinc-500">
          <tr>
            <th scope="col" className={`${cell} pl-3`}>
              Execution
            </th>
            {showCheck ? (
              <th scope="col" className={cell}>
                Check
              </th>
            ) : null}
            <th scope="col" className={cell}>
              Trigger
            </th>
            <th scope="col" className={cell}>
              Status
            </th>
            <th scope="col" className={cell}>
              Verdict
            </th>
            <th scope="col" className={`${cell} text-right`}>
              First value
            </th>
            <th scope="col" className={cell}>
              Started (UTC)
            </th>
            <th scope="col" className={`${cell} pr-3 text-right`}>
              Duration
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">
          {rows.map((r) => (
            <tr key={r.id} className="align-top hover:bg-zinc-50" data-execution={r.name}>
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
              </td>
              <td className={cell}>
                <StatusBadge status={r.status} />
              </td>
              <td className={cell}>
                <VerdictBadge verdict={r.verdict} />
              </td>
              <td className={`${cell} text-right font-mono text-xs tabular-nums`}>
                {r.firstValue === null ? (
                  <span className="text-zinc-400">—</span>
                ) : (
                  (groupDigits(r.firstValue) ?? r.firstValue)
                )}
              </td>
              <td className={`${cell} whitespace-nowrap font-mono text-xs tabular-nums text-zinc-700`}>
                {formatUtcShort(r.startDate)}
              </td>
              <td className={`${cell} whitespace-nowrap pr-3 text-right text-xs tabular-nums text-zinc-700`}>
                {r.status === "RUNNING" ? (
                  <span className="text-blue-700">{formatElapsed(r.startDate, null, now)}…</span>
                ) : (
                  formatElapsed(r.startDate, r.stopDate, now)
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
