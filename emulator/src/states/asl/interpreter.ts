// The Amazon States Language interpreter: one engine for both query languages (JSONPath and JSONata, chosen per
// state or at the top level), with Retry/Catch, Map and Parallel, variables (Assign) and the context object.
// It records AWS-format history events itself (StateEntered/Exited, Map/Parallel lifecycle, EvaluationFailed);
// Task work is delegated to the host (`InterpreterHost.runTask`), which records the Task* events.
import { ChoicePathError, evaluateRule, parseTimestamp } from "./choice";
import { evaluateIntrinsic, IntrinsicError, isIntrinsic, parseIntrinsic } from "./intrinsics";
import { evaluateExpression, evaluateTemplate, expressionOf, QueryError } from "./jsonata-eval";
import { evaluatePath, PathError, writeAtPath } from "./jsonpath";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** AWS's payload limit for state input/output (bytes, UTF-8). */
const MAX_PAYLOAD_BYTES = 262_144;
// setTimeout fires at once beyond 2^31-1 ms; longer waits are capped (AWS allows Seconds up to 99999999).
const MAX_TIMER_MS = 2_000_000_000;

/** A States error: `error` is matched by Retry/Catch; terminal ones (States.Runtime…) are neither retried nor caught. */
export class StatesError extends Error {
  constructor(
    readonly error: string | undefined,
    readonly causeText: string | undefined,
    readonly terminal = false,
  ) {
    super(causeText ?? error ?? "");
    this.name = error ?? "States.Failed";
  }
}

const TERMINAL = new Set(["States.Runtime", "States.DataLimitExceeded", "States.Aborted"]);

/** Anything thrown by a task or the engine as a StatesError (no JavaScript error name ever leaks). */
export function asStatesError(err: unknown): StatesError {
  if (err instanceof StatesError) return err;
  if (err instanceof Error) {
    const named = /^[A-Za-z][\w.]*\.[A-Z]\w*$/.test(err.name) || err.name === "States.TaskFailed";
    const terminal =
      "isRetryable" in err && (err as { isRetryable: boolean }).isRetryable === false ? true : TERMINAL.has(err.name);
    return named
      ? new StatesError(err.name, err.message, terminal)
      : new StatesError("States.Runtime", err.message, true);
  }
  return new StatesError("States.Runtime", String(err), true);
}

export interface ExecutionContext {
  Execution: { Id: string; Input: unknown; Name: string; RoleArn: string; StartTime: string; RedriveCount: number };
  StateMachine: { Id: string; Name: string };
}

export interface Recorder {
  add(type: string, details?: Record<string, unknown>): void;
  readonly events: readonly unknown[];
}

/** One attempt of a Task state, as the host runs it. */
export interface TaskRequest {
  stateName: string;
  state: Obj;
  parameters: unknown;
  timeoutSeconds: number | undefined;
  heartbeatSeconds: number | undefined;
  /** Aborted when the execution (or the enclosing Map iteration / Parallel branch) stops. */
  signal: AbortSignal;
}

export interface InterpreterHost {
  recorder: Recorder;
  context: ExecutionContext;
  /** Runs a Task's resource with its parameters; records the Task* events; rejects with the task's error. */
  runTask(task: TaskRequest): Promise<unknown>;
}

interface Env {
  /** The top-level query language, inherited by every state that does not name its own. */
  language: string;
  variables: Obj;
  signal: AbortSignal;
  mapItem?: { Index: number; Value: unknown };
}

interface StateRun {
  name: string;
  type: string;
  enteredEventId: number;
  enteredTime: string;
  retryCount: number;
}

const byteLength = (text: string) => Buffer.byteLength(text, "utf8");
const json = (v: unknown) => JSON.stringify(v ?? null);

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new StatesError("States.Aborted", "The execution was stopped", true));
    const timer = setTimeout(
      () => {
        signal.removeEventListener("abort", onAbort);
        resolve();
      },
      Math.min(Math.max(0, ms), MAX_TIMER_MS),
    );
    const onAbort = () => {
      clearTimeout(timer);
      reject(new StatesError("States.Aborted", "The execution was stopped", true));
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/** An AbortController that also aborts when `parent` does. */
function childController(parent: AbortSignal): AbortController {
  const c = new AbortController();
  if (parent.aborted) c.abort();
  else parent.addEventListener("abort", () => c.abort(), { once: true });
  return c;
}

export class Interpreter {
  /** States entered and not yet left (for the *StateAborted events of StopExecution). */
  private readonly open = new Map<symbol, string>();

  constructor(
    private readonly definition: Obj,
    private readonly host: InterpreterHost,
  ) {}

  /** Runs the machine; resolves with the output, rejects with a StatesError. */
  async run(input: unknown, signal: AbortSignal): Promise<unknown> {
    const language = this.definition.QueryLanguage === "JSONata" ? "JSONata" : "JSONPath";
    return this.runScope(this.definition, input, { language, variables: {}, signal });
  }

  /** Records `<Type>StateAborted` for every state still open (StopExecution). */
  abortOpenStates(): void {
    for (const type of this.open.values()) {
      if (["Task", "Wait", "Map", "Parallel"].includes(type)) this.host.recorder.add(`${type}StateAborted`);
    }
    this.open.clear();
  }

  private get r(): Recorder {
    return this.host.recorder;
  }

  private lastEventId(): number {
    return this.r.events.length;
  }

  // ---- scopes and states -----------------------------------------------------------------------

  private async runScope(scope: Obj, input: unknown, env: Env): Promise<unknown> {
    const states = scope.States as Record<string, Obj>;
    let name = String(scope.StartAt);
    let data = input;
    for (;;) {
      if (env.signal.aborted) throw new StatesError("States.Aborted", "The execution was stopped", true);
      const state = states[name];
      if (!state) throw new StatesError("States.Runtime", `The state '${name}' does not exist`, true);
      const type = String(state.Type);
      this.r.add(`${type}StateEntered`, { name, input: json(data), inputDetails: { truncated: false } });
      const run: StateRun = {
        name,
        type,
        enteredEventId: this.lastEventId(),
        enteredTime: new Date().toISOString(),
        retryCount: 0,
      };
      const token = Symbol(name);
      this.open.set(token, type);
      let result: { output: unknown; next?: string };
      try {
        result = await this.runState(state, data, env, run);
      } finally {
        this.open.delete(token);
      }
      if (type !== "Fail") {
        const text = json(result.output);
        if (byteLength(text) > MAX_PAYLOAD_BYTES) {
          throw new StatesError(
            "States.DataLimitExceeded",
            `The state/task '${name}' returned a result with a size exceeding the maximum number of bytes service limit.`,
            true,
          );
        }
        this.r.add(`${type}StateExited`, { name, output: text, outputDetails: { truncated: false } });
      }
      if (result.next === undefined) return result.output;
      name = result.next;
      data = result.output;
    }
  }

  private language(state: Obj, env: Env): "JSONPath" | "JSONata" {
    const l = state.QueryLanguage ?? env.language;
    return l === "JSONata" ? "JSONata" : "JSONPath";
  }

  private contextObject(run: StateRun, env: Env): Obj {
    const ctx: Obj = {
      ...this.host.context,
      State: { EnteredTime: run.enteredTime, Name: run.name, RetryCount: run.retryCount },
    };
    if (env.mapItem) ctx.Map = { Item: env.mapItem };
    return ctx;
  }

  private runtimeError(run: StateRun, message: string): StatesError {
    return new StatesError(
      "States.Runtime",
      `An error occurred while executing the state '${run.name}' (entered at the event id #${run.enteredEventId}). ${message}`,
      true,
    );
  }

  private async runState(
    state: Obj,
    input: unknown,
    env: Env,
    run: StateRun,
  ): Promise<{ output: unknown; next?: string }> {
    const jsonata = this.language(state, env) === "JSONata";
    const next = state.End === true ? undefined : (state.Next as string | undefined);
    try {
      switch (state.Type) {
        case "Pass":
          return { output: await this.pass(state, input, env, run, jsonata), next };
        case "Wait":
          return { output: await this.wait(state, input, env, run, jsonata), next };
        case "Succeed":
          return { output: await this.succeed(state, input, env, run, jsonata) };
        case "Fail":
          return await this.fail(state, input, env, run, jsonata);
        case "Choice":
          return await this.choice(state, input, env, run, jsonata);
        case "Task":
        case "Map":
        case "Parallel":
          return await this.withRetry(state, input, env, run, jsonata, next);
        default:
          throw this.runtimeError(run, `Unknown state type '${String(state.Type)}'`);
      }
    } catch (err) {
      if (err instanceof QueryError) throw this.evaluationFailed(run, err);
      throw err;
    }
  }

  private evaluationFailed(run: StateRun, err: QueryError): StatesError {
    const cause = `An error occurred while executing the state '${run.name}' (entered at the event id #${run.enteredEventId}). ${err.message}`;
    this.r.add("EvaluationFailed", {
      state: run.name,
      error: "States.QueryEvaluationError",
      cause,
      location: err.location,
    });
    return new StatesError("States.QueryEvaluationError", cause);
  }

  // ---- data access -----------------------------------------------------------------------------

  /** `$states` for JSONata expressions (and `$states.…` paths in JSONPath states). */
  private statesBinding(input: unknown, run: StateRun, env: Env, extra: Obj = {}): Obj {
    return { input, context: this.contextObject(run, env), ...extra };
  }

  private jsonataBindings(env: Env, states: Obj): Obj {
    return { ...env.variables, states };
  }

  /** Reads a JSONPath path: `$…` from data, `$$…` from the context object, `$name…` from a variable. */
  private readPath(path: string, data: unknown, env: Env, run: StateRun, states?: Obj): unknown {
    if (path.startsWith("$$")) return evaluatePath("$" + path.slice(2), this.contextObject(run, env));
    const variable = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(path);
    if (variable) {
      const name = variable[1]!;
      const value = name === "states" && states ? states : env.variables[name];
      if (!(name in env.variables) && !(name === "states" && states))
        throw new PathError(`The variable '$${name}' is not defined`);
      return evaluatePath("$" + path.slice(variable[0].length), value);
    }
    return evaluatePath(path, data);
  }

  /** A `.$` value: an intrinsic function or a path. */
  private dynamicValue(text: string, data: unknown, env: Env, run: StateRun, states?: Obj): unknown {
    if (isIntrinsic(text)) {
      try {
        const call = parseIntrinsic(text);
        return evaluateIntrinsic(call, (p) => {
          try {
            return this.readPath(p, data, env, run, states);
          } catch (err) {
            if (err instanceof PathError) throw new IntrinsicError(`Invalid path '${p}' : ${err.message}`);
            throw err;
          }
        });
      } catch (err) {
        if (err instanceof IntrinsicError)
          throw this.runtimeError(run, `The function '${text}' had the following error: ${err.message}`);
        throw err;
      }
    }
    return this.readPath(text, data, env, run, states);
  }

  /** Parameters / ResultSelector / ItemSelector / Assign in JSONPath: `.$` keys are evaluated. */
  private jsonPathTemplate(template: unknown, data: unknown, env: Env, run: StateRun, states?: Obj): unknown {
    if (Array.isArray(template)) return template.map((t) => this.jsonPathTemplate(t, data, env, run, states));
    if (!isObj(template)) return template;
    const out: Obj = {};
    for (const [key, value] of Object.entries(template)) {
      if (key.endsWith(".$") && typeof value === "string") {
        try {
          out[key.slice(0, -2)] = this.dynamicValue(value, data, env, run, states);
        } catch (err) {
          if (err instanceof PathError) {
            throw this.runtimeError(
              run,
              `The JSONPath '${value}' specified for the field '${key}' could not be found in the input '${json(data)}'`,
            );
          }
          throw err;
        }
      } else out[key] = this.jsonPathTemplate(value, data, env, run, states);
    }
    return out;
  }

  private applyInputPath(state: Obj, input: unknown, env: Env, run: StateRun): unknown {
    if (!("InputPath" in state)) return input;
    if (state.InputPath === null) return {};
    return this.pathOrRuntime(String(state.InputPath), input, env, run);
  }

  private applyOutputPath(state: Obj, output: unknown, env: Env, run: StateRun): unknown {
    if (!("OutputPath" in state)) return output;
    if (state.OutputPath === null) return {};
    return this.pathOrRuntime(String(state.OutputPath), output, env, run);
  }

  private pathOrRuntime(path: string, data: unknown, env: Env, run: StateRun): unknown {
    try {
      return this.readPath(path, data, env, run);
    } catch (err) {
      if (err instanceof PathError) throw this.runtimeError(run, `Invalid path '${path}' : ${err.message}`);
      throw err;
    }
  }

  private applyResultPath(state: Obj, input: unknown, result: unknown, run: StateRun): unknown {
    if (!("ResultPath" in state)) return result;
    if (state.ResultPath === null) return input;
    try {
      return writeAtPath(String(state.ResultPath), input, result);
    } catch (err) {
      if (err instanceof PathError)
        throw new StatesError(
          "States.ResultPathMatchFailure",
          `An error occurred while executing the state '${run.name}' (entered at the event id #${run.enteredEventId}). ${err.message}`,
        );
      throw err;
    }
  }

  /** Evaluates Assign (both languages) with the variable values from before this state, then stores them. */
  private async assign(
    assignTemplate: unknown,
    jsonata: boolean,
    data: unknown,
    states: Obj,
    env: Env,
    run: StateRun,
  ): Promise<Obj | undefined> {
    if (!isObj(assignTemplate)) return undefined;
    if (jsonata) {
      return (await evaluateTemplate(assignTemplate, this.jsonataBindings(env, states), "Assign")) as Obj;
    }
    return this.jsonPathTemplate(assignTemplate, data, env, run, states) as Obj;
  }

  private commit(env: Env, assigned: Obj | undefined): void {
    if (assigned) Object.assign(env.variables, assigned);
  }

  /** JSONata Output, defaulting to `fallback`. */
  private async jsonataOutput(state: Obj, env: Env, states: Obj, fallback: unknown): Promise<unknown> {
    if (!("Output" in state)) return fallback;
    return evaluateTemplate(state.Output, this.jsonataBindings(env, states), "Output");
  }

  // ---- state types ----------------------------------------------------------------------------

  private async pass(state: Obj, input: unknown, env: Env, run: StateRun, jsonata: boolean): Promise<unknown> {
    if (jsonata) {
      const states = this.statesBinding(input, run, env);
      const output = await this.jsonataOutput(state, env, states, input);
      this.commit(env, await this.assign(state.Assign, true, input, states, env, run));
      return output;
    }
    const effective = this.applyInputPath(state, input, env, run);
    let result: unknown = effective;
    if ("Parameters" in state) result = this.jsonPathTemplate(state.Parameters, effective, env, run);
    if ("Result" in state) result = state.Result;
    const states = this.statesBinding(input, run, env, { result });
    const assigned = await this.assign(state.Assign, false, result, states, env, run);
    const output = this.applyOutputPath(state, this.applyResultPath(state, input, result, run), env, run);
    this.commit(env, assigned);
    return output;
  }

  private async wait(state: Obj, input: unknown, env: Env, run: StateRun, jsonata: boolean): Promise<unknown> {
    let waitMs: number | undefined;
    const states = this.statesBinding(input, run, env);
    const bindings = this.jsonataBindings(env, states);
    const effective = jsonata ? input : this.applyInputPath(state, input, env, run);
    const seconds = (v: unknown, field: string) => {
      if (typeof v !== "number" || !Number.isInteger(v) || v < 0)
        throw this.runtimeError(run, `The value of the field '${field}' must be a non-negative integer: ${json(v)}`);
      return v * 1000;
    };
    const until = (v: unknown, field: string) => {
      const at = parseTimestamp(v);
      if (at === undefined)
        throw this.runtimeError(run, `The value of the field '${field}' must be an RFC3339 timestamp: ${json(v)}`);
      return at - Date.now();
    };
    if ("Seconds" in state) {
      const v = jsonata ? await evaluateTemplate(state.Seconds, bindings, "Seconds") : state.Seconds;
      waitMs = seconds(v, "Seconds");
    } else if ("Timestamp" in state) {
      const v = jsonata ? await evaluateTemplate(state.Timestamp, bindings, "Timestamp") : state.Timestamp;
      waitMs = until(v, "Timestamp");
    } else if ("SecondsPath" in state) {
      waitMs = seconds(this.pathOrRuntime(String(state.SecondsPath), effective, env, run), "SecondsPath");
    } else if ("TimestampPath" in state) {
      waitMs = until(this.pathOrRuntime(String(state.TimestampPath), effective, env, run), "TimestampPath");
    }
    let output: unknown;
    let assigned: Obj | undefined;
    if (jsonata) {
      output = await this.jsonataOutput(state, env, states, input);
      assigned = await this.assign(state.Assign, true, input, states, env, run);
    } else {
      assigned = await this.assign(state.Assign, false, effective, states, env, run);
      output = this.applyOutputPath(state, effective, env, run);
    }
    if (waitMs !== undefined && waitMs > 0) await sleep(waitMs, env.signal);
    this.commit(env, assigned);
    return output;
  }

  private async succeed(state: Obj, input: unknown, env: Env, run: StateRun, jsonata: boolean): Promise<unknown> {
    if (jsonata) return this.jsonataOutput(state, env, this.statesBinding(input, run, env), input);
    return this.applyOutputPath(state, this.applyInputPath(state, input, env, run), env, run);
  }

  private async fail(state: Obj, input: unknown, env: Env, run: StateRun, jsonata: boolean): Promise<never> {
    let error: unknown = state.Error;
    let cause: unknown = state.Cause;
    if (jsonata) {
      const bindings = this.jsonataBindings(env, this.statesBinding(input, run, env));
      if (error !== undefined) error = await evaluateTemplate(error, bindings, "Error");
      if (cause !== undefined) cause = await evaluateTemplate(cause, bindings, "Cause");
    } else {
      const read = (field: string) => {
        const text = String(state[field]);
        try {
          return this.dynamicValue(text, input, env, run);
        } catch (err) {
          if (err instanceof PathError) throw this.runtimeError(run, `Invalid path '${text}' : ${err.message}`);
          throw err;
        }
      };
      if ("ErrorPath" in state) error = read("ErrorPath");
      if ("CausePath" in state) cause = read("CausePath");
    }
    const asText = (v: unknown, field: string) => {
      if (v === undefined) return undefined;
      if (typeof v !== "string") throw this.runtimeError(run, `The value of the field '${field}' must be a string`);
      return v;
    };
    throw new StatesError(asText(error, "Error"), asText(cause, "Cause"));
  }

  private async choice(
    state: Obj,
    input: unknown,
    env: Env,
    run: StateRun,
    jsonata: boolean,
  ): Promise<{ output: unknown; next?: string }> {
    const rules = Array.isArray(state.Choices) ? (state.Choices as Obj[]) : [];
    if (jsonata) {
      const states = this.statesBinding(input, run, env);
      const bindings = this.jsonataBindings(env, states);
      for (const [i, rule] of rules.entries()) {
        const verdict = await evaluateTemplate(rule.Condition, bindings, `Choices[${i}].Condition`);
        if (typeof verdict !== "boolean") {
          throw new QueryError(
            `The Condition of Choices[${i}] must evaluate to a boolean, got ${json(verdict)}`,
            `Choices[${i}].Condition`,
          );
        }
        if (verdict) {
          const output = await this.jsonataOutput(rule, env, states, input);
          const assigned = await this.assign(rule.Assign, true, input, states, env, run);
          this.commit(env, assigned);
          return { output, next: String(rule.Next) };
        }
      }
      if (state.Default === undefined) throw this.noChoiceMatched(run);
      const output = await this.jsonataOutput(state, env, states, input);
      this.commit(env, await this.assign(state.Assign, true, input, states, env, run));
      return { output, next: String(state.Default) };
    }
    const effective = this.applyInputPath(state, input, env, run);
    const read = (path: string) => this.readPath(path, effective, env, run);
    const states = this.statesBinding(input, run, env);
    for (const rule of rules) {
      let matched: boolean;
      try {
        matched = evaluateRule(rule, read);
      } catch (err) {
        if (err instanceof ChoicePathError) throw this.runtimeError(run, err.message);
        throw err;
      }
      if (matched) {
        const assigned = await this.assign(rule.Assign, false, effective, states, env, run);
        const output = this.applyOutputPath(state, effective, env, run);
        this.commit(env, assigned);
        return { output, next: String(rule.Next) };
      }
    }
    if (state.Default === undefined) throw this.noChoiceMatched(run);
    const assigned = await this.assign(state.Assign, false, effective, states, env, run);
    const output = this.applyOutputPath(state, effective, env, run);
    this.commit(env, assigned);
    return { output, next: String(state.Default) };
  }

  private noChoiceMatched(run: StateRun): StatesError {
    return new StatesError(
      "States.NoChoiceMatched",
      `An error occurred while executing the state '${run.name}' (entered at the event id #${run.enteredEventId}). No Matches!`,
    );
  }

  // ---- Task / Map / Parallel with Retry and Catch -----------------------------------------------

  private async withRetry(
    state: Obj,
    input: unknown,
    env: Env,
    run: StateRun,
    jsonata: boolean,
    next: string | undefined,
  ): Promise<{ output: unknown; next?: string }> {
    const retriers = Array.isArray(state.Retry) ? (state.Retry as Obj[]) : [];
    const attempts = retriers.map(() => 0);
    for (;;) {
      try {
        const output = await this.runWork(state, input, env, run, jsonata);
        return { output, next };
      } catch (raw) {
        // A JSONata evaluation error is an ordinary States error here: Retry and Catch see it.
        const err = raw instanceof QueryError ? this.evaluationFailed(run, raw) : asStatesError(raw);
        if (err.terminal || env.signal.aborted) throw err;
        const index = retriers.findIndex((r) => matches(r.ErrorEquals, err.error));
        if (index >= 0) {
          const retrier = retriers[index]!;
          const max = typeof retrier.MaxAttempts === "number" ? retrier.MaxAttempts : 3;
          if (attempts[index]! < max) {
            const interval = typeof retrier.IntervalSeconds === "number" ? retrier.IntervalSeconds : 1;
            const backoff = typeof retrier.BackoffRate === "number" ? retrier.BackoffRate : 2;
            let delay = interval * Math.pow(backoff, attempts[index]!);
            if (typeof retrier.MaxDelaySeconds === "number") delay = Math.min(delay, retrier.MaxDelaySeconds);
            if (retrier.JitterStrategy === "FULL") delay = Math.random() * delay;
            attempts[index]!++;
            run.retryCount++;
            await sleep(delay * 1000, env.signal);
            continue;
          }
        }
        const catchers = Array.isArray(state.Catch) ? (state.Catch as Obj[]) : [];
        const catcher = catchers.find((c) => matches(c.ErrorEquals, err.error));
        if (!catcher) throw err;
        const errorOutput = { Error: err.error ?? "", Cause: err.causeText ?? "" };
        if (jsonata) {
          const states = this.statesBinding(input, run, env, { errorOutput });
          const output =
            "Output" in catcher
              ? await evaluateTemplate(catcher.Output, this.jsonataBindings(env, states), "Catch.Output")
              : errorOutput;
          this.commit(env, await this.assign(catcher.Assign, true, input, states, env, run));
          return { output, next: String(catcher.Next) };
        }
        const states = this.statesBinding(input, run, env, { errorOutput });
        const assigned = await this.assign(catcher.Assign, false, errorOutput, states, env, run);
        const output = this.applyResultPath(catcher, input, errorOutput, run);
        this.commit(env, assigned);
        return { output, next: String(catcher.Next) };
      }
    }
  }

  /** One attempt of a Task / Map / Parallel: input processing, the work, result processing. */
  private async runWork(state: Obj, input: unknown, env: Env, run: StateRun, jsonata: boolean): Promise<unknown> {
    const states = this.statesBinding(input, run, env);
    const bindings = this.jsonataBindings(env, states);
    let workInput: unknown;
    let effective: unknown = input;
    if (jsonata) {
      workInput = "Arguments" in state ? await evaluateTemplate(state.Arguments, bindings, "Arguments") : input;
    } else {
      effective = this.applyInputPath(state, input, env, run);
      workInput =
        "Parameters" in state && state.Type !== "Map"
          ? this.jsonPathTemplate(state.Parameters, effective, env, run)
          : effective;
    }

    let result: unknown;
    if (state.Type === "Task") result = await this.task(state, workInput, env, run, jsonata, bindings);
    else if (state.Type === "Parallel") result = await this.parallel(state, workInput, env);
    else result = await this.map(state, workInput, input, env, run, jsonata, bindings);

    if (jsonata) {
      const withResult = { ...states, result };
      const output = await this.jsonataOutput(state, env, withResult, result);
      this.commit(env, await this.assign(state.Assign, true, input, withResult, env, run));
      return output;
    }
    const selected = "ResultSelector" in state ? this.jsonPathTemplate(state.ResultSelector, result, env, run) : result;
    const assigned = await this.assign(state.Assign, false, selected, { ...states, result: selected }, env, run);
    const output = this.applyOutputPath(state, this.applyResultPath(state, input, selected, run), env, run);
    this.commit(env, assigned);
    return output;
  }

  private async task(
    state: Obj,
    parameters: unknown,
    env: Env,
    run: StateRun,
    jsonata: boolean,
    bindings: Obj,
  ): Promise<unknown> {
    const number = async (field: string, pathField: string): Promise<number | undefined> => {
      let v: unknown = state[field];
      if (jsonata && v !== undefined) v = await evaluateTemplate(v, bindings, field);
      if (!jsonata && state[pathField] !== undefined)
        v = this.pathOrRuntime(String(state[pathField]), parameters, env, run);
      if (v === undefined) return undefined;
      if (typeof v !== "number" || !Number.isInteger(v) || v <= 0)
        throw this.runtimeError(run, `The value of the field '${field}' must be a positive integer: ${json(v)}`);
      return v;
    };
    return this.host.runTask({
      stateName: run.name,
      state,
      parameters,
      timeoutSeconds: await number("TimeoutSeconds", "TimeoutSecondsPath"),
      heartbeatSeconds: await number("HeartbeatSeconds", "HeartbeatSecondsPath"),
      signal: env.signal,
    });
  }

  private async parallel(state: Obj, branchInput: unknown, env: Env): Promise<unknown[]> {
    const branches = (state.Branches as Obj[]) ?? [];
    this.r.add("ParallelStateStarted");
    const controller = childController(env.signal);
    let firstError: StatesError | undefined;
    const results = await Promise.all(
      branches.map((branch) =>
        this.runScope(branch, structuredClone(branchInput), {
          language: env.language,
          variables: structuredClone(env.variables),
          signal: controller.signal,
        }).catch((err: unknown) => {
          const e = asStatesError(err);
          if (!firstError && !(e.error === "States.Aborted" && controller.signal.aborted)) {
            firstError = e;
            controller.abort();
          }
          return undefined;
        }),
      ),
    );
    if (firstError || env.signal.aborted) {
      if (!env.signal.aborted) this.r.add("ParallelStateFailed");
      throw firstError ?? new StatesError("States.Aborted", "The execution was stopped", true);
    }
    this.r.add("ParallelStateSucceeded");
    return results;
  }

  private async map(
    state: Obj,
    effective: unknown,
    rawInput: unknown,
    env: Env,
    run: StateRun,
    jsonata: boolean,
    bindings: Obj,
  ): Promise<unknown[]> {
    let items: unknown;
    if (jsonata) {
      items = "Items" in state ? await evaluateTemplate(state.Items, bindings, "Items") : rawInput;
    } else {
      items = "ItemsPath" in state ? this.pathOrRuntime(String(state.ItemsPath), effective, env, run) : effective;
    }
    if (!Array.isArray(items)) {
      const message = `Items of the Map state must be a JSON array, got ${json(items)}`;
      if (jsonata) throw new QueryError(message, "Items");
      throw this.runtimeError(run, message);
    }
    const processor = (state.ItemProcessor ?? state.Iterator) as Obj;
    const selector = state.ItemSelector ?? state.Parameters;
    const maxConcurrency = await this.mapNumber(state, "MaxConcurrency", jsonata, bindings, effective, env, run);
    const toleratedCount = await this.mapNumber(state, "ToleratedFailureCount", jsonata, bindings, effective, env, run);
    const toleratedPercentage = await this.mapNumber(
      state,
      "ToleratedFailurePercentage",
      jsonata,
      bindings,
      effective,
      env,
      run,
    );

    this.r.add("MapStateStarted", { length: items.length });
    const controller = childController(env.signal);
    const results: unknown[] = new Array(items.length);
    let failures = 0;
    let stopError: StatesError | undefined;
    let nextIndex = 0;
    const running = new Set<number>();
    const thresholdSet = toleratedCount !== undefined || toleratedPercentage !== undefined;
    const exceeded = () =>
      thresholdSet
        ? failures > (toleratedCount ?? Infinity) ||
          (toleratedPercentage !== undefined && (failures / items.length) * 100 > toleratedPercentage)
        : failures > 0;

    const iterate = async (index: number) => {
      const value = items[index];
      const mapItem = { Index: index, Value: value };
      const itemEnv: Env = {
        language: env.language,
        variables: structuredClone(env.variables),
        signal: controller.signal,
        mapItem,
      };
      this.r.add("MapIterationStarted", { name: run.name, index });
      running.add(index);
      try {
        let itemInput: unknown = value;
        if (selector !== undefined) {
          if (jsonata) {
            const states = this.statesBinding(rawInput, run, itemEnv);
            itemInput = await evaluateTemplate(selector, this.jsonataBindings(env, states), "ItemSelector");
          } else {
            itemInput = this.jsonPathTemplate(selector, effective, itemEnv, run);
          }
        }
        results[index] = await this.runScope(processor, itemInput, itemEnv);
        running.delete(index);
        this.r.add("MapIterationSucceeded", { name: run.name, index });
      } catch (err) {
        running.delete(index);
        const e = err instanceof QueryError ? this.evaluationFailed(run, err) : asStatesError(err);
        if (controller.signal.aborted && e.error === "States.Aborted") {
          // Stopped by another iteration's failure; a stopped execution records its aborted states itself.
          if (!env.signal.aborted) this.r.add("MapIterationAborted", { name: run.name, index });
          return;
        }
        this.r.add("MapIterationFailed", { name: run.name, index });
        failures++;
        results[index] = { Error: e.error ?? "", Cause: e.causeText ?? "" };
        if (e.terminal) stopError ??= e;
        else if (exceeded() && !stopError) {
          stopError = thresholdSet
            ? new StatesError(
                "States.ExceedToleratedFailureThreshold",
                "The specified tolerated failure threshold was exceeded",
              )
            : e;
        }
        if (stopError) controller.abort();
      }
    };

    const limit = maxConcurrency && maxConcurrency > 0 ? maxConcurrency : Infinity;
    const workers: Promise<void>[] = [];
    const worker = async () => {
      while (!stopError && !controller.signal.aborted && nextIndex < items.length) await iterate(nextIndex++);
    };
    for (let i = 0; i < Math.min(limit, items.length); i++) workers.push(worker());
    await Promise.all(workers);

    if (stopError || env.signal.aborted) {
      if (!env.signal.aborted) this.r.add("MapStateFailed");
      throw stopError ?? new StatesError("States.Aborted", "The execution was stopped", true);
    }
    this.r.add("MapStateSucceeded");
    return results;
  }

  private async mapNumber(
    state: Obj,
    field: string,
    jsonata: boolean,
    bindings: Obj,
    effective: unknown,
    env: Env,
    run: StateRun,
  ): Promise<number | undefined> {
    let v: unknown = state[field];
    if (jsonata && v !== undefined) v = await evaluateTemplate(v, bindings, field);
    if (!jsonata && state[`${field}Path`] !== undefined)
      v = this.pathOrRuntime(String(state[`${field}Path`]), effective, env, run);
    if (v === undefined) return undefined;
    if (typeof v !== "number" || v < 0)
      throw this.runtimeError(run, `The value of '${field}' must be a non-negative number`);
    return v;
  }
}

/** Whether a Retry/Catch ErrorEquals list matches an error name (States.ALL and States.TaskFailed are wildcards). */
function matches(errorEquals: unknown, error: string | undefined): boolean {
  if (!Array.isArray(errorEquals)) return false;
  const name = error ?? "";
  return errorEquals.some(
    (e) => e === name || e === "States.ALL" || (e === "States.TaskFailed" && name !== "States.Timeout" && name !== ""),
  );
}

export { expressionOf, evaluateExpression };
