// Runs one execution with aws-local-stepfunctions: every Task state gets a local handler (keyed by state name,
// Parallel branches and Map processors included), interpreter events become AWS history events, and the
// result becomes an outcome (SUCCEEDED / FAILED / TIMED_OUT, or ABORTED when StopExecution interrupted it).
import "../core/polyfills";
import { ExecutionAbortedError, ExecutionError, ExecutionTimeoutError, StateMachine } from "aws-local-stepfunctions";
// Side effect: the interpreter's States.Hash is wrong for inputs ≥ 56 bytes; this swaps in node:crypto (see file).
import "./states-hash-fix";
import type { Invoker } from "../core/types";
import { HistoryRecorder, InterpreterEventTranslator, type InterpreterEvent, type TaskInfo } from "./history";
import {
  parseResource,
  TaskError,
  taskImplementation,
  unsupportedResourceCause,
  type RecordedCall,
  type TaskContext,
} from "./task-resources";

type Obj = Record<string, unknown>;
type StateMachineDefinition = ConstructorParameters<typeof StateMachine>[0];
type JSONValue = Parameters<StateMachine["run"]>[0];

/** AWS's payload limit for execution input/output and state results (bytes, UTF-8). */
export const MAX_PAYLOAD_BYTES = 262_144;
// setTimeout fires at once beyond 2^31-1 ms; AWS Task states have no practical default timeout (the
// interpreter's is 60 s), so tasks without TimeoutSeconds get this ~23-day limit instead.
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

/** Every Task state of a definition (top level, Parallel branches, Map processors), by state name. */
export function collectTaskStates(definition: Obj): Map<string, Obj> {
  const tasks = new Map<string, Obj>();
  forEachState(definition, (name, state) => {
    if (state.Type === "Task") tasks.set(name, state);
  });
  return tasks;
}

function forEachState(scope: Obj, visit: (name: string, state: Obj) => void): void {
  if (!isObj(scope.States)) return;
  for (const [name, state] of Object.entries(scope.States)) {
    if (!isObj(state)) continue;
    visit(name, state);
    if (Array.isArray(state.Branches)) for (const b of state.Branches) if (isObj(b)) forEachState(b, visit);
    for (const key of ["ItemProcessor", "Iterator"]) if (isObj(state[key])) forEachState(state[key] as Obj, visit);
  }
}

// The interpreter's copy of the definition: realistic task timeouts (see MAX_TIMER_SECONDS).
function interpreterDefinition(definition: Obj): Obj {
  const copy = structuredClone(definition);
  forEachState(copy, (_name, state) => {
    if (state.Type !== "Task") return;
    if (state.TimeoutSeconds === undefined && state.TimeoutSecondsPath === undefined)
      state.TimeoutSeconds = MAX_TIMER_SECONDS;
    else if (typeof state.TimeoutSeconds === "number" && state.TimeoutSeconds > MAX_TIMER_SECONDS)
      state.TimeoutSeconds = MAX_TIMER_SECONDS;
  });
  if (typeof copy.TimeoutSeconds === "number" && copy.TimeoutSeconds > MAX_TIMER_SECONDS)
    copy.TimeoutSeconds = MAX_TIMER_SECONDS;
  return copy;
}

// A Wait longer than a timer can hold would fire at once; cap it (AWS allows Seconds up to 99999999).
function longWaitOverrides(definition: Obj): Record<string, number> {
  const overrides: Record<string, number> = {};
  forEachState(definition, (name, state) => {
    if (state.Type === "Wait" && typeof state.Seconds === "number" && state.Seconds > MAX_TIMER_SECONDS)
      overrides[name] = MAX_TIMER_SECONDS * 1000;
  });
  return overrides;
}

/** Size of a payload as AWS counts it (UTF-8 bytes). */
export function byteLength(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

export class ExecutionRun {
  /** Aborted when the execution ends for any reason: stops in-flight task work (e.g. query polling). */
  private readonly controller = new AbortController();
  private readonly attempts = new Map<string, Set<AbortController>>();
  private readonly translator: InterpreterEventTranslator;
  private readonly taskInfo = new Map<string, TaskInfo>();
  private abortInterpreter: (() => void) | undefined;
  private hardFailure: { error: string; cause: string } | undefined;

  constructor(
    private readonly definition: Obj,
    private readonly input: unknown,
    private readonly info: RunInfo,
    readonly recorder: HistoryRecorder,
    private readonly deps: RunDeps,
  ) {
    this.translator = new InterpreterEventTranslator(recorder, (name) => this.taskInfo.get(name));
  }

  /** Runs the execution to its end; never rejects. */
  async run(): Promise<RunOutcome> {
    const handlers: Record<string, (input: JSONValue) => Promise<JSONValue>> = {};
    for (const [name, state] of collectTaskStates(this.definition)) handlers[name] = this.taskHandler(name, state);

    let handle: ReturnType<StateMachine["run"]>;
    try {
      const machine = new StateMachine(interpreterDefinition(this.definition) as unknown as StateMachineDefinition, {
        validationOptions: { noValidate: true },
      });
      handle = machine.run(this.input as JSONValue, {
        overrides: { taskResourceLocalHandlers: handlers, waitTimeOverrides: longWaitOverrides(this.definition) },
        context: {
          Execution: {
            Id: this.info.executionArn,
            Name: this.info.executionName,
            RoleArn: this.info.roleArn,
            StartTime: this.info.startTime,
          },
          StateMachine: { Id: this.info.stateMachineArn, Name: this.info.stateMachineName },
        },
      });
    } catch (err) {
      return { status: "FAILED", error: "States.Runtime", cause: (err as Error).message };
    }
    this.abortInterpreter = handle.abort;
    const consumed = this.consume(handle.eventLogs);

    let outcome: RunOutcome;
    try {
      const output = await handle.result;
      const text = JSON.stringify(output ?? null);
      outcome =
        byteLength(text) > MAX_PAYLOAD_BYTES
          ? {
              status: "FAILED",
              error: "States.DataLimitExceeded",
              cause: "The execution output exceeds the maximum number of bytes service limit (262144).",
            }
          : { status: "SUCCEEDED", output: text };
    } catch (err) {
      outcome = this.failureOutcome(err);
    } finally {
      this.controller.abort();
    }
    await consumed;
    return outcome;
  }

  /** Interrupts the run (StopExecution or emulator shutdown): interpreter and in-flight tasks stop. */
  abort(): void {
    this.translator.abortOpenStates();
    this.controller.abort();
    this.abortInterpreter?.();
  }

  /** Ends the run as FAILED with this error (history limit, oversized state output). */
  failHard(error: string, cause: string): void {
    if (this.hardFailure) return;
    this.hardFailure = { error, cause };
    this.controller.abort();
    this.abortInterpreter?.();
  }

  private failureOutcome(err: unknown): RunOutcome {
    if (this.hardFailure) return { status: "FAILED", ...this.hardFailure };
    if (err instanceof ExecutionTimeoutError) {
      return {
        status: "TIMED_OUT",
        error: "States.Timeout",
        cause: "The execution ran longer than the state machine's TimeoutSeconds.",
      };
    }
    if (err instanceof ExecutionAbortedError) return { status: "ABORTED" };
    if (err instanceof ExecutionError && err.cause instanceof Error) {
      const inner = err.cause;
      // A Fail state without Error/Cause: AWS reports neither (the interpreter fills in placeholders).
      const error = inner.name === "FailStateError" ? undefined : inner.name;
      const cause = inner.message === "Execution failed because of a Fail state" ? undefined : inner.message;
      return { status: "FAILED", error, cause };
    }
    return { status: "FAILED", error: "States.Runtime", cause: err instanceof Error ? err.message : String(err) };
  }

  private async consume(events: AsyncGenerator<unknown>): Promise<void> {
    try {
      for await (const raw of events) {
        const ev = raw as InterpreterEvent;
        this.translator.handle(ev);
        if (ev.type === "StateFailed" && ev.Error === "States.Timeout" && ev.state?.type === "Task") {
          // The interpreter gave up on this attempt: stop the work behind it too.
          for (const attempt of this.attempts.get(ev.state.name) ?? []) attempt.abort();
        }
        if (
          ev.type === "StateExited" &&
          ev.state &&
          byteLength(JSON.stringify(ev.state.output ?? null)) > MAX_PAYLOAD_BYTES
        ) {
          this.failHard(
            "States.DataLimitExceeded",
            `The state/task '${ev.state.name}' returned a result with a size exceeding the maximum number of bytes service limit.`,
          );
        }
      }
    } catch (err) {
      console.error("[emulator] states: reading interpreter events failed:", err);
    }
  }

  private taskHandler(stateName: string, state: Obj): (input: JSONValue) => Promise<JSONValue> {
    const resourceArn = String(state.Resource);
    const parsed = parseResource(resourceArn);
    const info: TaskInfo = { resourceType: parsed.resourceType, resource: parsed.resource };
    this.taskInfo.set(stateName, info);
    const impl = taskImplementation(parsed);
    const r = this.recorder;

    return async (input: JSONValue): Promise<JSONValue> => {
      // The interpreter calls us synchronously right after dispatching StateEntered; yield once so that event
      // is recorded before TaskScheduled.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (this.controller.signal.aborted) throw new TaskError("States.Aborted", "The execution was stopped");
      r.add("TaskScheduled", {
        ...info,
        region: this.info.region,
        parameters: JSON.stringify(input ?? null),
        timeoutInSeconds: typeof state.TimeoutSeconds === "number" ? state.TimeoutSeconds : undefined,
        heartbeatInSeconds: typeof state.HeartbeatSeconds === "number" ? state.HeartbeatSeconds : undefined,
      });
      const attempt = new AbortController();
      const onStop = () => attempt.abort();
      this.controller.signal.addEventListener("abort", onStop, { once: true });
      let set = this.attempts.get(stateName);
      if (!set) this.attempts.set(stateName, (set = new Set()));
      set.add(attempt);
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
        const output = (await impl(isObj(input) ? input : {}, ctx)) ?? null;
        if (attempt.signal.aborted) throw new TaskError("States.Aborted", "The task attempt was abandoned");
        const text = JSON.stringify(output);
        if (byteLength(text) > MAX_PAYLOAD_BYTES) {
          throw new TaskError(
            "States.DataLimitExceeded",
            `The state/task '${stateName}' returned a result with a size exceeding the maximum number of bytes service limit.`,
            true,
          );
        }
        r.add("TaskSucceeded", { ...info, output: text, outputDetails: { truncated: false } });
        return output as JSONValue;
      } catch (err) {
        if (attempt.signal.aborted) throw err; // stopped or timed out: the interpreter records what happened
        const failure =
          err instanceof TaskError
            ? err
            : new TaskError("States.TaskFailed", err instanceof Error ? err.message : String(err));
        r.add("TaskFailed", { ...info, error: failure.name, cause: failure.message });
        throw failure;
      } finally {
        set.delete(attempt);
        this.controller.signal.removeEventListener("abort", onStop);
      }
    };
  }
}
