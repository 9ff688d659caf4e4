// Builds an execution's GetExecutionHistory in AWS's format: numbered events with previousEventId, epoch-second
// timestamps and a `<type>EventDetails` object. The interpreter (asl/interpreter.ts) records the state events,
// the engine's task runner the Task events (TaskScheduled/Started/Submitted/Succeeded/Failed/TimedOut).
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
