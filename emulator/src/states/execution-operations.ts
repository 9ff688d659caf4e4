// Execution operations: StartExecution, StopExecution, DescribeExecution, ListExecutions, GetExecutionHistory.
import { randomUUID } from "node:crypto";
import { AwsError } from "../core/aws-error";
import type { Operation } from "../core/types";
import { Violations } from "../core/validation";
import { assertValidName, executionArn as buildExecutionArn, parseExecutionArn, parseStatesArn } from "./arns";
import { byteLength, MAX_PAYLOAD_BYTES } from "./engine";
import { requireMachine } from "./machine-operations";
import { decodeToken, encodeToken, pageSize } from "./paging";
import { booleanMember, enumMember, type StatesContext } from "./service-context";
import type { ExecutionSummary, HistoryEvent } from "./store";

const STATUSES = ["RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE"] as const;

/** The execution operations, keyed by AWS operation name. */
export function executionOperations(ctx: StatesContext): Record<string, Operation> {
  const { store, manager, config } = ctx;

  const requireExecution = (value: unknown): ExecutionSummary => {
    const arn = parseExecutionArn(value);
    const summary = store.executions.get(arn);
    if (!summary) throw new AwsError("ExecutionDoesNotExist", `Execution Does Not Exist: '${arn}'`);
    return summary;
  };

  const StartExecution: Operation = (input) => {
    const v = new Violations();
    v.string(input.stateMachineArn, "stateMachineArn", { required: true, min: 1, max: 256 });
    const name = v.string(input.name, "name", { min: 1, max: 80 });
    const given = v.string(input.input, "input");
    v.string(input.traceHeader, "traceHeader", { max: 256 });
    v.throwIfAny();
    if (name !== undefined) assertValidName(name, "execution");
    const inputText = given ?? "{}";
    if (byteLength(inputText) > MAX_PAYLOAD_BYTES) {
      throw new AwsError(
        "InvalidExecutionInput",
        `Invalid State Machine Execution Input: 'Input size exceeds the maximum of ${MAX_PAYLOAD_BYTES} bytes'`,
      );
    }
    try {
      JSON.parse(inputText);
    } catch (err) {
      throw new AwsError("InvalidExecutionInput", `Invalid State Machine Execution Input: '${(err as Error).message}'`);
    }
    const machine = requireMachine(ctx, input.stateMachineArn);
    const execName = name ?? randomUUID();
    if (machine.type === "STANDARD") {
      const arn = buildExecutionArn(config.region, config.accountId, machine.name, execName, "STANDARD", "");
      const existing = store.executions.get(arn);
      if (existing) {
        // Same name and input while RUNNING: the original answer (StartExecution is idempotent for STANDARD).
        if (existing.status === "RUNNING" && manager.runningInput(arn) === inputText) {
          return { executionArn: arn, startDate: existing.startDate };
        }
        throw new AwsError("ExecutionAlreadyExists", `Execution Already Exists: '${arn}'`);
      }
    }
    const summary = manager.start(machine, execName, inputText);
    return { executionArn: summary.executionArn, startDate: summary.startDate };
  };

  const StopExecution: Operation = (input) => {
    const v = new Violations();
    v.string(input.executionArn, "executionArn", { required: true, min: 1, max: 256 });
    const error = v.string(input.error, "error", { max: 256 });
    const cause = v.string(input.cause, "cause", { max: 32_768 });
    v.throwIfAny();
    const summary = requireExecution(input.executionArn);
    return { stopDate: manager.stop(summary.executionArn, error, cause) };
  };

  const DescribeExecution: Operation = (input) => {
    const v = new Violations();
    v.string(input.executionArn, "executionArn", { required: true, min: 1, max: 256 });
    const included =
      enumMember(v, input.includedData, "includedData", ["ALL_DATA", "METADATA_ONLY"] as const) ?? "ALL_DATA";
    v.throwIfAny();
    const s = requireExecution(input.executionArn);
    const out: Record<string, unknown> = summaryMembers(s);
    if (included === "ALL_DATA") {
      const running = manager.runningInput(s.executionArn);
      const detail = running === undefined ? store.readDetail(s.executionArn) : undefined;
      const inputText = running ?? detail?.input;
      if (inputText !== undefined) Object.assign(out, { input: inputText, inputDetails: { included: true } });
      if (s.status === "SUCCEEDED" && detail?.output !== undefined)
        Object.assign(out, { output: detail.output, outputDetails: { included: true } });
    }
    if (s.error !== undefined) out.error = s.error;
    if (s.cause !== undefined) out.cause = s.cause;
    out.redriveCount = 0;
    out.redriveStatus = "NOT_REDRIVABLE";
    out.redriveStatusReason =
      s.status === "RUNNING" || s.status === "SUCCEEDED"
        ? `Execution is ${s.status} and cannot be redriven`
        : "Redriving executions is not supported by this emulator";
    return out;
  };

  const ListExecutions: Operation = (input) => {
    const v = new Violations();
    v.string(input.stateMachineArn, "stateMachineArn", { min: 1, max: 256 });
    v.string(input.mapRunArn, "mapRunArn", { min: 1, max: 2000 });
    const statusFilter = enumMember(v, input.statusFilter, "statusFilter", STATUSES);
    const max = v.integer(input.maxResults, "maxResults", { min: 0, max: 1000 });
    const token = v.string(input.nextToken, "nextToken", { min: 1, max: 3096 });
    const redrive = enumMember(v, input.redriveFilter, "redriveFilter", ["REDRIVEN", "NOT_REDRIVEN"] as const);
    v.throwIfAny();
    if (input.mapRunArn !== undefined) {
      parseStatesArn(input.mapRunArn, "mapRunArn");
      throw new AwsError("ResourceNotFound", `Resource not found: '${String(input.mapRunArn)}'`, 400, {
        resourceName: input.mapRunArn,
      });
    }
    if (input.stateMachineArn === undefined) {
      throw new AwsError("ValidationException", "Must provide a StateMachine ARN or MapRun ARN");
    }
    const machine = requireMachine(ctx, input.stateMachineArn);
    if (machine.type === "EXPRESS") {
      throw new AwsError(
        "StateMachineTypeNotSupported",
        "This operation is not supported by this type of state machine: EXPRESS",
      );
    }
    const size = pageSize(max, 100);
    const arns = store.byMachine.get(machine.arn) ?? [];
    let from = arns.length - 1;
    if (token !== undefined) {
      const cursor = decodeToken<{ m?: unknown; p?: unknown }>(token, "executions");
      if (
        cursor.m !== machine.arn ||
        typeof cursor.p !== "number" ||
        !Number.isInteger(cursor.p) ||
        cursor.p < 0 ||
        cursor.p >= arns.length
      ) {
        throw new AwsError("InvalidToken", "Invalid Token: 'the token does not belong to this request'");
      }
      from = cursor.p;
    }
    const page: ExecutionSummary[] = [];
    let nextToken: string | undefined;
    for (let i = from; i >= 0; i--) {
      const s = store.executions.get(arns[i]!);
      if (!s || (statusFilter && s.status !== statusFilter) || redrive === "REDRIVEN") continue;
      if (page.length === size) {
        nextToken = encodeToken("executions", { m: machine.arn, p: i });
        break;
      }
      page.push(s);
    }
    return {
      executions: page.map(summaryMembers),
      ...(nextToken ? { nextToken } : {}),
    };
  };

  const GetExecutionHistory: Operation = (input) => {
    const v = new Violations();
    v.string(input.executionArn, "executionArn", { required: true, min: 1, max: 256 });
    const max = v.integer(input.maxResults, "maxResults", { min: 0, max: 1000 });
    const token = v.string(input.nextToken, "nextToken", { min: 1, max: 1024 });
    v.throwIfAny();
    const reverse = booleanMember(input.reverseOrder, "reverseOrder") ?? false;
    const includeData = booleanMember(input.includeExecutionData, "includeExecutionData") ?? true;
    const s = requireExecution(input.executionArn);
    const events: HistoryEvent[] =
      manager.runningHistory(s.executionArn) ?? store.readDetail(s.executionArn)?.history ?? [];
    const size = pageSize(max, 100);
    let start = 0;
    if (token !== undefined) {
      const cursor = decodeToken<{ a?: unknown; p?: unknown; r?: unknown }>(token, "history");
      if (
        cursor.a !== s.executionArn ||
        cursor.r !== reverse ||
        typeof cursor.p !== "number" ||
        !Number.isInteger(cursor.p) ||
        cursor.p < 0
      ) {
        throw new AwsError("InvalidToken", "Invalid Token: 'the token does not belong to this request'");
      }
      start = cursor.p;
    }
    const ordered = reverse ? [...events].reverse() : events;
    const page = ordered.slice(start, start + size);
    const more = start + size < ordered.length;
    return {
      events: includeData ? page : page.map(withoutData),
      ...(more ? { nextToken: encodeToken("history", { a: s.executionArn, p: start + size, r: reverse }) } : {}),
    };
  };

  return { StartExecution, StopExecution, DescribeExecution, ListExecutions, GetExecutionHistory };
}

// includeExecutionData=false: the same events without their input/output payloads.
/** The members DescribeExecution and ListExecutions both answer for an execution, in the order AWS sends them. */
function summaryMembers(s: ExecutionSummary): Record<string, unknown> {
  return {
    executionArn: s.executionArn,
    stateMachineArn: s.stateMachineArn,
    name: s.name,
    status: s.status,
    startDate: s.startDate,
    ...(s.stopDate !== undefined ? { stopDate: s.stopDate } : {}),
  };
}

function withoutData(event: HistoryEvent): HistoryEvent {
  const out: HistoryEvent = { ...event };
  for (const [key, value] of Object.entries(event)) {
    if (!key.endsWith("EventDetails") || typeof value !== "object" || value === null) continue;
    const { input: _i, output: _o, ...rest } = value as Record<string, unknown>;
    out[key] = rest;
  }
  return out;
}
