// Runs one execution with the emulator's own ASL interpreter (asl/interpreter.ts: JSONPath and JSONata): every
// Task state is served locally (task-resources.ts), and the result becomes an outcome (SUCCEEDED / FAILED /
// TIMED_OUT, or ABORTED when StopExecution interrupted it). The interpreter records the state events; the task
// runner here records the Task* events.
import type { Invoker } from "../core/types";
import { asStatesError, Interpreter, StatesError, type TaskRequest } from "./asl/interpreter";
import type { HistoryRecorder } from "./history";
import {
  parseResource,
  TaskError,
  taskImplementation,
  unsupportedResourceCause,
  type RecordedCall,
  type TaskContext,
} from "./task-resources";

type Obj = Record<string, unknown>;

/** AWS's payload limit for execution input/output and state results (bytes, UTF-8). */
export const MAX_PAYLOAD_BYTES = 262_144;
// setTimeout fires at once beyond 2^31-1 ms: longer timeouts are capped (~23 days).
const MAX_TIMER_SECONDS = 2_000_000;

export interface RunInfo {
  executionArn: string;
  executionName: string;
  stateMachineArn: string;
  stateMachineName: string;
  roleArn: string;
  region: string;
  /** ISO time the execution started (context object). */
  startTime: string;
}

export interface RunOutcome {
  status: "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "ABORTED";
  output?: string;
  error?: string;
  cause?: string;
}

export interface RunDeps {
  invoker: Invoker;
  record(call: RecordedCall): void;
}

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** Size of a payload as AWS counts it (UTF-8 bytes). */
export function byteLength(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

export class ExecutionRun {
  /** Aborted when the execution ends for any reason: stops the interpreter and in-flight task work. */
  private readonly controller = new AbortController();
  private readonly interpreter: Interpreter;
  private hardFailure: { error: string; cause: string } | undefined;
  private timedOut = false;

  constructor(
    private readonly definition: Obj,
    private readonly input: unknown,
    private readonly info: RunInfo,
    readonly recorder: HistoryRecorder,
    private readonly deps: RunDeps,
  ) {
    this.interpreter = new Interpreter(definition, {
      recorder,
      context: {
        Execution: {
          Id: info.executionArn,
          Input: input,
          Name: info.executionName,
          RoleArn: info.roleArn,
          StartTime: info.startTime,
          RedriveCount: 0,
        },
        StateMachine: { Id: info.stateMachineArn, Name: info.stateMachineName },
      },
      runTask: (task) => this.runTask(task),
    });
  }

  /** Runs the execution to its end; never rejects. */
  async run(): Promise<RunOutcome> {
    const limit = this.definition.TimeoutSeconds;
    const timer =
      typeof limit === "number" && limit > 0
        ? setTimeout(
            () => {
              this.timedOut = true;
              this.controller.abort();
            },
            Math.min(limit, MAX_TIMER_SECONDS) * 1000,
          )
        : undefined;
    try {
      const output = await this.interpreter.run(this.input, this.controller.signal);
      const text = JSON.stringify(output ?? null);
      return byteLength(text) > MAX_PAYLOAD_BYTES
        ? {
            status: "FAILED",
            error: "States.DataLimitExceeded",
            cause: "The execution output exceeds the maximum number of bytes service limit (262144).",
          }
        : { status: "SUCCEEDED", output: text };
    } catch (err) {
      return this.failureOutcome(err);
    } finally {
      clearTimeout(timer);
      this.controller.abort();
    }
  }

  /** Interrupts the run (StopExecution or emulator shutdown): interpreter and in-flight tasks stop. */
  abort(): void {
    if (this.controller.signal.aborted) return;
    this.interpreter.abortOpenStates();
    this.controller.abort();
  }

  /** Ends the run as FAILED with this error (history limit, oversized state output). */
  failHard(error: string, cause: string): void {
    if (this.hardFailure) return;
    this.hardFailure = { error, cause };
    this.controller.abort();
  }

  private failureOutcome(err: unknown): RunOutcome {
    if (this.hardFailure) return { status: "FAILED", ...this.hardFailure };
    if (this.timedOut) {
      return {
        status: "TIMED_OUT",
        error: "States.Timeout",
        cause: "The execution ran longer than the state machine's TimeoutSeconds.",
      };
    }
    const e = asStatesError(err);
    if (e.error === "States.Aborted" && this.controller.signal.aborted) return { status: "ABORTED" };
    return { status: "FAILED", error: e.error, cause: e.causeText };
  }

  private async runTask(task: TaskRequest): Promise<unknown> {
    const { stateName, state, parameters, signal } = task;
    const resourceArn = String(state.Resource);
    const parsed = parseResource(resourceArn);
    const info = { resourceType: parsed.resourceType, resource: parsed.resource };
    const impl = taskImplementation(parsed);
    const r = this.recorder;
    if (signal.aborted) throw new StatesError("States.Aborted", "The execution was stopped", true);
    r.add("TaskScheduled", {
      ...info,
      region: this.info.region,
      parameters: JSON.stringify(parameters ?? null),
      timeoutInSeconds: task.timeoutSeconds,
      heartbeatInSeconds: task.heartbeatSeconds,
    });
    // One attempt: aborted by the execution's end or by this attempt's TimeoutSeconds.
    const attempt = new AbortController();
    const onStop = () => attempt.abort();
    signal.addEventListener("abort", onStop, { once: true });
    let timedOut = false;
    const timer =
      task.timeoutSeconds !== undefined
        ? setTimeout(
            () => {
              timedOut = true;
              attempt.abort();
            },
            Math.min(task.timeoutSeconds, MAX_TIMER_SECONDS) * 1000,
          )
        : undefined;
    const stopped = new Promise<never>((_resolve, reject) =>
      attempt.signal.addEventListener("abort", () => reject(new StatesError("States.Aborted", "stopped", true)), {
        once: true,
      }),
    );
    stopped.catch(() => {});
    try {
      if (!impl) throw new TaskError("States.TaskFailed", unsupportedResourceCause(resourceArn));
      r.add("TaskStarted", { ...info });
      const ctx: TaskContext = {
        invoker: this.deps.invoker,
        executionArn: this.info.executionArn,
        stateMachineArn: this.info.stateMachineArn,
        stateName,
        signal: attempt.signal,
        record: this.deps.record,
        submitted: (output) =>
          r.add("TaskSubmitted", {
            ...info,
            output: JSON.stringify(output ?? null),
            outputDetails: { truncated: false },
          }),
      };
      const output = (await Promise.race([impl(isObj(parameters) ? parameters : {}, ctx), stopped])) ?? null;
      if (attempt.signal.aborted) throw new StatesError("States.Aborted", "stopped", true);
      const text = JSON.stringify(output);
      if (byteLength(text) > MAX_PAYLOAD_BYTES) {
        throw new TaskError(
          "States.DataLimitExceeded",
          `The state/task '${stateName}' returned a result with a size exceeding the maximum number of bytes service limit.`,
          true,
        );
      }
      r.add("TaskSucceeded", { ...info, output: text, outputDetails: { truncated: false } });
      return output;
    } catch (err) {
      if (timedOut) {
        const cause = `The task '${stateName}' did not finish within its TimeoutSeconds (${task.timeoutSeconds}).`;
        r.add("TaskTimedOut", { ...info, error: "States.Timeout", cause });
        throw new StatesError("States.Timeout", cause);
      }
      if (attempt.signal.aborted) throw new StatesError("States.Aborted", "The execution was stopped", true);
      const failure = asStatesError(
        err instanceof TaskError || err instanceof StatesError
          ? err
          : new TaskError("States.TaskFailed", err instanceof Error ? err.message : String(err)),
      );
      r.add("TaskFailed", { ...info, error: failure.error, cause: failure.causeText });
      throw failure;
    } finally {
      clearTimeout(timer);
      signal.removeEventListener("abort", onStop);
    }
  }
}
