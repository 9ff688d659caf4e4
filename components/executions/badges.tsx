import { Badge, type Tone } from "@/components/ui/badge";

const STATUS: Record<string, { tone: Tone; label: string }> = {
  RUNNING: { tone: "blue", label: "Running" },
  SUCCEEDED: { tone: "green", label: "Succeeded" },
  FAILED: { tone: "red", label: "Failed" },
  TIMED_OUT: { tone: "red", label: "Timed out" },
  ABORTED: { tone: "gray", label: "Stopped" },
  PENDING_REDRIVE: { tone: "amber", label: "Pending redrive" },
};

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
  const s = STATUS[status] ?? { tone: "gray" as Tone, label: status };
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

const TRIGGER_LABEL: Record<string, string> = {
  event: "Event",
  schedule: "Schedule",
  manual: "Run now",
  rerun: "Rerun",
};

export function TriggerLabel({ kind }: { kind: string | null }) {
  if (!kind) return <span className="text-xs text-zinc-400">unknown</span>;
  return <span className="text-xs text-zinc-700">{TRIGGER_LABEL[kind] ?? kind}</span>;
}
