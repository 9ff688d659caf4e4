// The compare page's data: two runs of one check, read from their result snapshots, diffed by the check's finding
// keys (or whole rows). The wrapped query's count column ("no unacknowledged findings") is left out: it changes
// with every acknowledgement and says nothing about the rows.
import "server-only";
import { getCheck } from "@/lib/db/checks";
import { newestExecution } from "@/lib/db/executions";
import { earlierRunsWithSnapshot } from "@/lib/db/findings";
import { snapshotOfExecutionName, streamSnapshotRows } from "@/lib/db/result-snapshots";
import { isReadable } from "@/lib/snapshots/types";
import { diffRuns, type Row, type RunDiff } from "./compare";
import { UNACKNOWLEDGED_COLUMN } from "./verdict-sql";

export interface RunRef {
  name: string;
  startDate: Date;
  verdict: string | null;
}

export type RunComparison =
  | { ok: false; reason: string; run: RunRef | null; choices: (RunRef & { rowCount: number })[] }
  | {
      ok: true;
      run: RunRef;
      other: RunRef;
      diff: RunDiff;
      choices: (RunRef & { rowCount: number })[];
      truncated: boolean;
    };

async function side(name: string): Promise<{ columns: string[]; rows: Row[]; truncated: boolean } | string> {
  const snapshot = await snapshotOfExecutionName(name);
  if (!snapshot) return `Run ${name} has no result snapshot.`;
  if (!isReadable(snapshot))
    return snapshot.state === "UNAVAILABLE"
      ? `Run ${name}'s result is unavailable: ${snapshot.error ?? "Athena no longer has it."}`
      : `Run ${name}'s result is still being copied.`;
  const names = (snapshot.columns ?? []).map((c) => c.name);
  const drop = names[0] === UNACKNOWLEDGED_COLUMN ? 1 : 0;
  const rows: Row[] = [];
  for await (const r of streamSnapshotRows(snapshot.id)) rows.push(drop ? r.slice(drop) : r);
  return { columns: names.slice(drop), rows, truncated: snapshot.state === "TRUNCATED" };
}

/** Run `name` compared with `withName` (default: the check's previous run with a snapshot). */
export async function compareRuns(name: string, withName: string | null): Promise<RunComparison | null> {
  const execution = await newestExecution({ name });
  if (!execution) return null;
  const run: RunRef = { name: execution.name, startDate: execution.startDate, verdict: execution.verdict };
  if (!execution.checkId) return { ok: false, reason: "This run belongs to no check.", run, choices: [] };
  const choices = (await earlierRunsWithSnapshot(execution.checkId, execution.startDate)).map((c) => ({ ...c }));
  const otherName = withName ?? choices[0]?.name ?? null;
  if (!otherName) return { ok: false, reason: "No earlier run of this check has a result snapshot.", run, choices };
  const otherExecution = await newestExecution({ name: otherName });
  if (!otherExecution || otherExecution.checkId !== execution.checkId)
    return { ok: false, reason: `Run ${otherName} is not a run of the same check.`, run, choices };
  const [before, after] = await Promise.all([side(otherName), side(name)]);
  if (typeof before === "string") return { ok: false, reason: before, run, choices };
  if (typeof after === "string") return { ok: false, reason: after, run, choices };
  const check = await getCheck(execution.checkId);
  const diff = diffRuns(before, after, check?.findingKeys ?? []);
  return {
    ok: true,
    run,
    other: { name: otherExecution.name, startDate: otherExecution.startDate, verdict: otherExecution.verdict },
    diff,
    choices,
    truncated: before.truncated || after.truncated,
  };
}
