// Builds an execution's GetExecutionHistory in AWS's format: numbered events with previousEventId, epoch-second
// timestamps and a `<type>EventDetails` object. Interpreter events (aws-local-stepfunctions eventLogs) are
// translated here; Task events (TaskScheduled/Started/Submitted/Succeeded/Failed) come from the task handlers.
import type { HistoryEvent } from "./store";

/** AWS fails an execution that reaches this many history events. */
export const MAX_HISTORY_EVENTS = 25_000;

// *StateEntered / *StateExited events share one details member; every other type uses `<type>EventDetails`.
function detailsKey(type: string): string {
  if (type.endsWith("StateEntered")) return "stateEnteredEventDetails";
  if (type.endsWith("StateExited")) return "stateExitedEventDetails";
  return `${type.charAt(0).toLowerCase()}${type.slice(1)}EventDetails`;
}

export class HistoryRecorder {
  readonly events: HistoryEvent[];
  private closed = false;
  private lastMs = 0;

  /** `onLimit` is called once when the history reaches MAX_HISTORY_EVENTS. */
  constructor(
    initial: HistoryEvent[] = [],
    private readonly onLimit: () => void = () => {},
  ) {
    this.events = initial;
    const last = initial[initial.length - 1];
    if (last) this.lastMs = Math.round(last.timestamp * 1000);
  }

  /** True once the terminal event was recorded. */
  get isClosed(): boolean {
    return this.closed;
  }

  /** Appends an event (ignored once the history is closed); timestamps never go backwards. */
  add(type: string, details?: Record<string, unknown>, atMs: number = Date.now()): void {
    if (this.closed) return;
    const ms = Math.max(atMs, this.lastMs);
    this.lastMs = ms;
    const id = this.events.length + 1;
    const event: HistoryEvent = { timestamp: ms / 1000, type, id, previousEventId: id - 1 };
    if (details !== undefined) event[detailsKey(type)] = stripUndefined(details);
    this.events.push(event);
    if (this.events.length === MAX_HISTORY_EVENTS) this.onLimit();
  }

  /** Adds the terminal event and refuses everything after it. */
  finish(type: string, details?: Record<string, unknown>): void {
    if (this.closed) return;
    this.add(type, details);
    this.closed = true;
  }
}

function stripUndefined(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out;
}

/** The JSON string AWS puts in input/output fields, with its `truncated` flag. */
export function dataField(value: unknown): string {
  return JSON.stringify(value ?? null);
}

// ---- interpreter events → AWS events -------------------------------------------------------------

interface StateData {
  name: string;
  type: string;
  input?: unknown;
  output?: unknown;
}

/** The subset of aws-local-stepfunctions EventLog members the translation reads. */
export interface InterpreterEvent {
  type: string;
  timestamp: number;
  state?: StateData;
  parentState?: StateData;
  index?: number;
  Error?: string;
  Cause?: unknown;
}

export interface TaskInfo {
  resourceType: string;
  resource: string;
}

/**
 * Translates one interpreter event into zero or more AWS history events. Execution-level events are
 * ignored: the runner records ExecutionStarted and the terminal event itself. `taskInfo` describes a
 * Task state's resource (for TaskTimedOut).
 */
export class InterpreterEventTranslator {
  private readonly startedComposite = new Set<string>();
  private readonly failedComposite = new Set<string>();
  /** State names entered and not yet left (for the *StateAborted events of StopExecution). */
  readonly open = new Map<string, string>();

  constructor(
    private readonly recorder: HistoryRecorder,
    private readonly taskInfo: (stateName: string) => TaskInfo | undefined,
  ) {}

  /** Records the AWS events for one interpreter event. */
  handle(ev: InterpreterEvent): void {
    const r = this.recorder;
    const state = ev.state;
    switch (ev.type) {
      case "StateEntered": {
        if (!state) return;
        this.open.set(state.name, state.type);
        // A composite state entered again (in a loop) starts afresh.
        this.startedComposite.delete(state.name);
        this.failedComposite.delete(state.name);
        r.add(
          `${state.type}StateEntered`,
          { name: state.name, input: dataField(state.input), inputDetails: { truncated: false } },
          ev.timestamp,
        );
        return;
      }
      case "StateExited": {
        if (!state) return;
        this.open.delete(state.name);
        if (state.type === "Parallel" || state.type === "Map") {
          this.ensureCompositeStarted(state.type, state.name, ev.timestamp);
          r.add(`${state.type}StateSucceeded`, undefined, ev.timestamp);
        }
        r.add(
          `${state.type}StateExited`,
          { name: state.name, output: dataField(state.output), outputDetails: { truncated: false } },
          ev.timestamp,
        );
        return;
      }
      case "StateFailed": {
        if (!state) return;
        if (state.type === "Task" && ev.Error === "States.Timeout") {
          const info = this.taskInfo(state.name);
          r.add(
            "TaskTimedOut",
            {
              resourceType: info?.resourceType,
              resource: info?.resource,
              error: "States.Timeout",
              cause: causeText(ev.Cause),
            },
            ev.timestamp,
          );
        } else if ((state.type === "Parallel" || state.type === "Map") && !this.failedComposite.has(state.name)) {
          this.failedComposite.add(state.name);
          r.add(`${state.type}StateFailed`, undefined, ev.timestamp);
        }
        return;
      }
      case "ParallelBranchStarted":
        if (ev.parentState) this.ensureCompositeStarted("Parallel", ev.parentState.name, ev.timestamp);
        return;
      case "ParallelBranchFailed":
        if (ev.parentState && !this.failedComposite.has(ev.parentState.name)) {
          this.failedComposite.add(ev.parentState.name);
          r.add("ParallelStateFailed", undefined, ev.timestamp);
        }
        return;
      case "MapIterationStarted":
      case "MapIterationSucceeded":
      case "MapIterationFailed":
        if (!ev.parentState) return;
        this.ensureCompositeStarted("Map", ev.parentState.name, ev.timestamp);
        r.add(ev.type, { name: ev.parentState.name, index: ev.index }, ev.timestamp);
        return;
      default:
        return; // Execution*, StateRetried, StateCaught, ParallelBranchSucceeded: no AWS event of their own
    }
  }

  /** Records `<Type>StateAborted` for every state still open (StopExecution). */
  abortOpenStates(): void {
    for (const type of this.open.values()) {
      if (["Task", "Wait", "Map", "Parallel"].includes(type)) this.recorder.add(`${type}StateAborted`);
    }
    this.open.clear();
  }

  private ensureCompositeStarted(type: "Parallel" | "Map", name: string, at: number): void {
    if (this.startedComposite.has(name)) return;
    this.startedComposite.add(name);
    this.recorder.add(`${type}StateStarted`, type === "Map" ? {} : undefined, at);
  }
}

/** A Cause as AWS shows it: a string (objects are serialised). */
export function causeText(cause: unknown): string | undefined {
  if (cause === undefined || cause === null) return undefined;
  if (typeof cause === "string") return cause;
  if (cause instanceof Error) return cause.message;
  return JSON.stringify(cause);
}
