// The state-by-state timeline of one execution, folded from its GetExecutionHistory events.

import type { HistoryEvent } from "@aws-sdk/client-sfn";

export interface TimelineError {
  error: string;
  cause: string;
}

export interface TimelineStep {
  /** Id of the StateEntered event (stable key). */
  id: number;
  name: string;
  /** Task, Choice, Pass, Wait, Succeed, Fail, Map, Parallel (from the event type). */
  stateType: string;
  /** 0 for top-level states, 1+ for states inside a Map iteration or a Parallel branch. */
  depth: number;
  enteredAt: Date;
  exitedAt: Date | null;
  /** Milliseconds from the start of the execution to entering the state. */
  offsetMs: number;
  durationMs: number | null;
  status: "running" | "succeeded" | "failed" | "caught";
  /** `athena:startQueryExecution.sync` for a Task, when known. */
  resource: string | null;
  /** Task attempts (more than 1 when Retry kicked in). */
  attempts: number;
  errors: TimelineError[];
  /** Every event that belongs to this step, for the expandable detail. */
  events: { id: number; type: string; at: Date; detail: unknown }[];
}

export interface Timeline {
  startedAt: Date | null;
  endedAt: Date | null;
  /** The terminal execution event: ExecutionSucceeded / Failed / Aborted / TimedOut, if any. */
  outcome: { type: string; error: TimelineError | null } | null;
  steps: TimelineStep[];
  eventCount: number;
  /** The Athena query the execution started, as the history shows it (also when the output never said). */
  queryExecutionId: string | null;
}

const detailOf = (e: HistoryEvent): unknown => {
  for (const [k, v] of Object.entries(e)) if (k.endsWith("EventDetails") && v) return v;
  return null;
};

const errorOf = (detail: unknown): TimelineError | null => {
  if (!detail || typeof detail !== "object") return null;
  const d = detail as { error?: unknown; cause?: unknown };
  if (d.error === undefined && d.cause === undefined) return null;
  return { error: String(d.error ?? ""), cause: String(d.cause ?? "") };
};

const ENDED = new Set(["ExecutionSucceeded", "ExecutionFailed", "ExecutionAborted", "ExecutionTimedOut"]);

/** Folds history events (any order) into steps with durations, attempts and errors. */
export function buildTimeline(history: HistoryEvent[]): Timeline {
  const events = [...history].sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
  const steps: TimelineStep[] = [];
  const open: TimelineStep[] = [];
  let startedAt: Date | null = null;
  let endedAt: Date | null = null;
  let outcome: Timeline["outcome"] = null;

  for (const e of events) {
    const type = e.type ?? "Unknown";
    const at = e.timestamp ? new Date(e.timestamp) : new Date(0);
    const detail = detailOf(e);
    if (type === "ExecutionStarted") startedAt ??= at;
    if (ENDED.has(type)) {
      endedAt = at;
      outcome = { type, error: errorOf(detail) };
      continue;
    }
    if (type.endsWith("StateEntered")) {
      const name = e.stateEnteredEventDetails?.name ?? "?";
      const step: TimelineStep = {
        id: e.id ?? steps.length,
        name,
        stateType: type.slice(0, -"StateEntered".length),
        depth: open.length,
        enteredAt: at,
        exitedAt: null,
        offsetMs: 0,
        durationMs: null,
        status: "running",
        resource: null,
        attempts: 0,
        errors: [],
        events: [{ id: e.id ?? 0, type, at, detail }],
      };
      steps.push(step);
      open.push(step);
      continue;
    }
    if (type.endsWith("StateExited")) {
      const name = e.stateExitedEventDetails?.name;
      const idx = open.map((s) => s.name).lastIndexOf(name ?? "");
      const step = idx >= 0 ? open.splice(idx, 1)[0]! : open.pop();
      if (step) {
        step.exitedAt = at;
        step.events.push({ id: e.id ?? 0, type, at, detail });
        step.status = step.errors.length > 0 ? "caught" : "succeeded";
      }
      continue;
    }
    const current = open[open.length - 1];
    if (!current) continue;
    current.events.push({ id: e.id ?? 0, type, at, detail });
    if (type === "TaskScheduled") {
      current.attempts++;
      current.resource = e.taskScheduledEventDetails
        ? `${e.taskScheduledEventDetails.resourceType}:${e.taskScheduledEventDetails.resource}`
        : current.resource;
    }
    const err = errorOf(detail);
    if (err && /Failed|TimedOut|Aborted/.test(type)) current.errors.push(err);
  }

  // States still open when the execution ended failed with it (their StateExited never came).
  for (const step of open) {
    if (endedAt) {
      step.status = "failed";
      if (step.errors.length === 0 && outcome?.error) step.errors.push(outcome.error);
    }
  }
  const origin = startedAt ?? steps[0]?.enteredAt ?? null;
  for (const step of steps) {
    step.offsetMs = origin ? step.enteredAt.getTime() - origin.getTime() : 0;
    const end = step.exitedAt ?? (step.status === "failed" ? endedAt : null);
    step.durationMs = end ? end.getTime() - step.enteredAt.getTime() : null;
  }
  return { startedAt, endedAt, outcome, steps, eventCount: events.length, queryExecutionId: queryIdInHistory(events) };
}

/**
 * The QueryExecutionId of the last Athena query an execution started: from a startQueryExecution task's submitted
 * or succeeded output, or from a failed task's cause (Athena's GetQueryExecution answer).
 */
export function queryIdInHistory(events: HistoryEvent[]): string | null {
  let found: string | null = null;
  for (const e of events) {
    const text =
      e.taskSubmittedEventDetails?.output ??
      e.taskSucceededEventDetails?.output ??
      e.taskFailedEventDetails?.cause ??
      null;
    const resource =
      e.taskSubmittedEventDetails?.resource ??
      e.taskSucceededEventDetails?.resource ??
      e.taskFailedEventDetails?.resource ??
      "";
    if (!text || !resource.startsWith("startQueryExecution")) continue;
    const m = /"QueryExecutionId"\s*:\s*"([^"]+)"/.exec(text);
    if (m) found = m[1]!;
  }
  return found;
}
