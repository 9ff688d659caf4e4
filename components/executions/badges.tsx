import type { ExecutionTrigger, Verdict } from "@/lib/checks/execution-contract";
import type { ExecutionStatus } from "@/lib/executions/execution-record";
import { Badge, type Tone } from "@/components/ui/badge";

/** What the console calls each execution status (the badges and the status filter). */
export const STATUS_LABEL: Record<ExecutionStatus, string> = {
  RUNNING: "Running",
  SUCCEEDED: "Succeeded",
  FAILED: "Failed",
  TIMED_OUT: "Timed out",
  ABORTED: "Stopped",
  PENDING_REDRIVE: "Pending redrive",
};

const STATUS_TONE: Record<ExecutionStatus, Tone> = {
  RUNNING: "blue",
  SUCCEEDED: "green",
  FAILED: "red",
  TIMED_OUT: "red",
  ABORTED: "gray",
  PENDING_REDRIVE: "amber",
};

/** A verdict in running text (the verdict filter); the badge shows the verdict itself. */
export const VERDICT_LABEL: Record<Verdict, string> = { PASS: "Pass", FAIL: "Fail", ERROR: "Error" };

const QUERY_STATE: Record<string, Tone> = {
  QUEUED: "blue",
  RUNNING: "blue",
  SUCCEEDED: "green",
  FAILED: "red",
  CANCELLED: "gray",
};

/** Athena's state of a query (QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED), as Athena spells it. */
export function QueryStateBadge({ state }: { state: string }) {
  return <Badge tone={QUERY_STATE[state] ?? "gray"}>{state}</Badge>;
}

const VERDICT: Record<string, Tone> = { PASS: "green", FAIL: "red", ERROR: "amber" };

/** Step Functions' status of the execution (did it run to the end?). */
export function StatusBadge({ status }: { status: string }) {
  const known = status in STATUS_TONE ? (status as ExecutionStatus) : null;
  const s = known ? { tone: STATUS_TONE[known], label: STATUS_LABEL[known] } : { tone: "gray" as Tone, label: status };
  return (
    <Badge tone={s.tone} title={`Execution status: ${status}`}>
      {status === "RUNNING" ? (
        <span aria-hidden className="h-1.5 w-1.5 animate-pulse rounded-full bg-blue-600" />
      ) : null}
      {s.label}
    </Badge>
  );
}

/** The check's verdict (what the query found against the expectation). */
export function VerdictBadge({ verdict }: { verdict: string | null }) {
  if (!verdict) return <span className="text-xs text-zinc-400">—</span>;
  return (
    <Badge tone={VERDICT[verdict] ?? "gray"} title={`Verdict: ${verdict}`}>
      {verdict}
    </Badge>
  );
}

/** What started an execution, as the lists and the trigger filter name it. */
export const TRIGGER_LABEL: Record<ExecutionTrigger, string> = {
  event: "Event",
  schedule: "Schedule",
  manual: "Run now",
  rerun: "Rerun",
};

export function TriggerLabel({ kind }: { kind: string | null }) {
  if (!kind) return <span className="text-xs text-zinc-400">unknown</span>;
  return <span className="text-xs text-zinc-700">{TRIGGER_LABEL[kind as ExecutionTrigger] ?? kind}</span>;
}
