// Owns running executions: starts them in the background after StartExecution answers, records their end
// (summary + detail file), stops them (StopExecution, DeleteStateMachine), and deals with restarts.
// Restart policy: executions are NOT resumed. One that was RUNNING when the emulator stopped ends FAILED with
// error "States.Runtime" and a cause saying so (at shutdown when the stop is graceful, else at the next start).
import { randomUUID } from "node:crypto";
import type { EmulatorConfig, Invoker } from "../core/types";
import { executionArn as buildExecutionArn } from "./arns";
import { ExecutionRun, MAX_PAYLOAD_BYTES, type RunOutcome } from "./engine";
import { HistoryRecorder, MAX_HISTORY_EVENTS } from "./history";
import type { ExecutionSummary, HistoryEvent, MachineRecord, StatesStore } from "./store";
import type { RecordedCall } from "./task-resources";

export const RESTART_ERROR = "States.Runtime";
export const RESTART_CAUSE =
  "The emulator stopped while this execution was running; executions are not resumed after a restart.";

interface LiveExecution {
  summary: ExecutionSummary;
  input: string;
  run: ExecutionRun;
  recorder: HistoryRecorder;
  done: Promise<void>;
}

export interface ManagerDeps {
  config: EmulatorConfig;
  invoker: Invoker;
  record(call: RecordedCall): void;
}

export class ExecutionManager {
  private readonly live = new Map<string, LiveExecution>();

  constructor(
    private readonly store: StatesStore,
    private readonly deps: ManagerDeps,
  ) {}

  /** Starts an execution of the machine's current definition; returns its RUNNING summary at once. */
  start(machine: MachineRecord, name: string, inputText: string): ExecutionSummary {
    const startMs = Date.now();
    const arn = buildExecutionArn(
      this.deps.config.region,
      this.deps.config.accountId,
      machine.name,
      name,
      machine.type,
      randomUUID(),
    );
    const summary: ExecutionSummary = {
      executionArn: arn,
      stateMachineArn: machine.arn,
      name,
      status: "RUNNING",
      startDate: startMs / 1000,
    };
    // Assigned once below, but declared first: the recorder's limit callback (created before the run) must see it.
    // eslint-disable-next-line prefer-const
    let run: ExecutionRun | undefined;
    const recorder = new HistoryRecorder([], () =>
      run?.failHard(
        "States.Runtime",
        `The execution reached the maximum number of history events (${MAX_HISTORY_EVENTS}).`,
      ),
    );
    recorder.add(
      "ExecutionStarted",
      { input: inputText, inputDetails: { truncated: false }, roleArn: machine.roleArn },
      startMs,
    );
    this.store.addExecution(summary, { input: inputText, history: [...recorder.events] });

    // The definition is parsed now: an UpdateStateMachine during the run does not affect it.
    run = new ExecutionRun(
      JSON.parse(machine.definition) as Record<string, unknown>,
      JSON.parse(inputText),
      {
        executionArn: arn,
        executionName: name,
        stateMachineArn: machine.arn,
        stateMachineName: machine.name,
        roleArn: machine.roleArn,
        region: this.deps.config.region,
        startTime: new Date(startMs).toISOString(),
      },
      recorder,
      { invoker: this.deps.invoker, record: this.deps.record },
    );
    const live: LiveExecution = { summary, input: inputText, run, recorder, done: Promise.resolve() };
    this.live.set(arn, live);
    live.done = run
      .run()
      .then((outcome) => this.finish(arn, outcome))
      .catch((err) => console.error(`[emulator] states: execution ${arn} could not be finished:`, err));
    return summary;
  }

  /** The input of a RUNNING execution (for StartExecution idempotency), else undefined. */
  runningInput(arn: string): string | undefined {
    return this.live.get(arn)?.input;
  }

  /** The live history of a RUNNING execution, else undefined. */
  runningHistory(arn: string): HistoryEvent[] | undefined {
    return this.live.get(arn)?.recorder.events;
  }

  /** Resolves when the execution has ended (immediately when it is not running). For tests and shutdown. */
  async settled(arn: string): Promise<void> {
    await this.live.get(arn)?.done;
  }

  /** StopExecution: ends a RUNNING execution as ABORTED now; returns the stop date (epoch seconds). */
  stop(arn: string, error?: string, cause?: string): number {
    const live = this.live.get(arn);
    if (!live) return this.store.executions.get(arn)?.stopDate ?? Date.now() / 1000;
    live.run.abort();
    live.recorder.finish("ExecutionAborted", { error, cause });
    this.close(live, { status: "ABORTED", error, cause });
    return live.summary.stopDate!;
  }

  /** Stops every running execution of a machine (DeleteStateMachine). */
  stopAllOf(machineArn: string): void {
    for (const [arn, live] of this.live) {
      if (live.summary.stateMachineArn === machineArn)
        this.stop(arn, "States.Aborted", "The state machine was deleted.");
    }
  }

  /** Emulator shutdown: running executions end FAILED (they are not resumed after a restart). */
  shutdown(): void {
    for (const live of [...this.live.values()]) {
      live.run.abort();
      live.recorder.finish("ExecutionFailed", { error: RESTART_ERROR, cause: RESTART_CAUSE });
      this.close(live, { status: "FAILED", error: RESTART_ERROR, cause: RESTART_CAUSE });
    }
  }

  /** At start: executions persisted as RUNNING (the emulator died) end FAILED like at shutdown. */
  recover(): void {
    for (const summary of [...this.store.executions.values()]) {
      if (summary.status !== "RUNNING") continue;
      const detail = this.store.readDetail(summary.executionArn) ?? { input: "{}", history: [] };
      const recorder = new HistoryRecorder(detail.history);
      recorder.finish("ExecutionFailed", { error: RESTART_ERROR, cause: RESTART_CAUSE });
      const ended: ExecutionSummary = {
        ...summary,
        status: "FAILED",
        stopDate: Date.now() / 1000,
        error: RESTART_ERROR,
        cause: RESTART_CAUSE,
      };
      this.store.updateExecution(ended);
      this.store.writeDetail(summary.executionArn, { input: detail.input, history: recorder.events });
    }
  }

  /** Forgets running executions without recording anything (reset endpoint). */
  reset(): void {
    for (const live of this.live.values()) live.run.abort();
    this.live.clear();
  }

  private finish(arn: string, outcome: RunOutcome): void {
    const live = this.live.get(arn);
    if (!live || live.summary.status !== "RUNNING") return; // already stopped
    const r = live.recorder;
    switch (outcome.status) {
      case "SUCCEEDED":
        r.finish("ExecutionSucceeded", { output: outcome.output, outputDetails: { truncated: false } });
        break;
      case "TIMED_OUT":
        r.finish("ExecutionTimedOut", { error: outcome.error, cause: outcome.cause });
        break;
      case "ABORTED":
        r.finish("ExecutionAborted", {});
        break;
      default:
        r.finish("ExecutionFailed", { error: outcome.error, cause: outcome.cause });
    }
    this.close(live, outcome);
  }

  // Records the end of an execution: summary line, detail file, and it leaves the live set.
  private close(live: LiveExecution, outcome: RunOutcome): void {
    const last = live.recorder.events[live.recorder.events.length - 1];
    live.summary = {
      ...live.summary,
      status: outcome.status,
      stopDate: last?.timestamp ?? Date.now() / 1000,
      ...(outcome.error !== undefined ? { error: outcome.error } : {}),
      ...(outcome.cause !== undefined ? { cause: truncate(outcome.cause, 32_768) } : {}),
    };
    this.store.updateExecution(live.summary);
    const output =
      outcome.status === "SUCCEEDED" && outcome.output !== undefined && outcome.output.length <= MAX_PAYLOAD_BYTES
        ? outcome.output
        : undefined;
    this.store.writeDetail(live.summary.executionArn, { input: live.input, output, history: live.recorder.events });
    this.live.delete(live.summary.executionArn);
  }
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max);
}
