// INTEGRATION POINT (C4): the checks list asks this one function for each check's last run.
// Body by C4: the executions index (lib/executions/last-runs.ts).
import { lastRunsByCheck } from "@/lib/executions/last-runs";
import type { LastRunView } from "./list-view";

/** The most recent run of each check that has one; checks without runs are absent from the map. */
export async function loadLastRuns(checkIds: string[]): Promise<Map<string, LastRunView>> {
  const runs = await lastRunsByCheck(checkIds);
  const out = new Map<string, LastRunView>();
  for (const [id, run] of runs) {
    out.set(id, {
      at: run.startDate.toISOString(),
      verdict: run.status === "RUNNING" ? "RUNNING" : (run.verdict ?? "ERROR"),
      href: `/executions/${encodeURIComponent(run.name)}`,
    });
  }
  return out;
}
