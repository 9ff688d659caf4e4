import Link from "next/link";
import type { Check } from "@/lib/checks/types";
import { recentRuns } from "@/lib/db/executions";
import { groupDigits } from "@/lib/executions/result-format";
import { RunNowButton } from "./action-buttons";
import { StatusBadge, TriggerLabel, VerdictBadge } from "./badges";
import { LiveRefresh } from "./live-refresh";
import { RunsTrend } from "./runs-trend";
import { formatElapsed, formatUtcShort } from "./time";

const SHOWN = 10;

/** A check's recent runs and their trend, with Run now and Test trigger (the check page's runs section). */
export async function CheckRuns({ check }: { check: Pick<Check, "id" | "trigger"> }) {
  const checkId = check.id;
  const runs = await recentRuns(checkId, 60);
  const eventTriggered = check.trigger.kind === "eventPattern";
  const now = new Date();
  const running = runs.some((r) => r.status === "RUNNING");
  return (
    <section
      aria-labelledby="runs-heading"
      className="rounded-lg border border-zinc-200 bg-white p-5 shadow-xs"
      data-testid="check-runs"
    >
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex items-center gap-3">
          <h2 id="runs-heading" className="text-base font-semibold text-zinc-900">
            Runs
          </h2>
          <LiveRefresh active={running} intervalMs={3000} syncUrl="/executions/live" />
        </div>
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
      </div>
      {runs.length === 0 ? (
        <p className="mt-3 text-sm text-zinc-500">No runs yet. Run it now, or wait for its trigger.</p>
      ) : (
        <div className="mt-4 space-y-4">
          <RunsTrend runs={runs} />
          <table className="min-w-full text-sm">
            <thead className="border-b border-zinc-200 text-left text-xs font-medium uppercase tracking-wide text-zinc-500">
              <tr>
                <th scope="col" className="py-2 pr-3">
                  Execution
                </th>
                <th scope="col" className="px-3 py-2">
                  Trigger
                </th>
                <th scope="col" className="px-3 py-2">
                  Status
                </th>
                <th scope="col" className="px-3 py-2">
                  Verdict
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  First value
                </th>
                <th scope="col" className="px-3 py-2">
                  Started (UTC)
                </th>
                <th scope="col" className="py-2 pl-3 text-right">
                  Duration
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100">
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
                  <td className="px-3 py-2 text-right font-mono text-xs tabular-nums">
                    {r.firstValue === null ? (
                      <span className="text-zinc-400">—</span>
                    ) : (
                      (groupDigits(r.firstValue) ?? r.firstValue)
                    )}
                  </td>
                  <td className="whitespace-nowrap px-3 py-2 font-mono text-xs tabular-nums text-zinc-700">
                    {formatUtcShort(r.startDate)}
                  </td>
                  <td className="whitespace-nowrap py-2 pl-3 text-right text-xs tabular-nums text-zinc-700">
                    {formatElapsed(r.startDate, r.stopDate, now)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {runs.length > SHOWN ? (
            <Link href={`/executions?check=${checkId}`} className="inline-block text-sm text-blue-700 hover:underline">
              All runs of this check →
            </Link>
          ) : null}
        </div>
      )}
    </section>
  );
}
