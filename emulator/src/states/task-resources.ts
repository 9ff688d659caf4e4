// The Task resources the emulator serves. Athena and EventBridge calls go through the in-process Invoker
// (same validation and errors as the wire); SNS publish and HTTP invoke are recorded, never sent.
// Errors follow AWS: API errors become `<Service>.<ExceptionName>` (so Retry on Athena.TooManyRequestsException
// works), a .sync query that ends FAILED/CANCELLED fails with States.TaskFailed and the query as cause.
import { randomUUID } from "node:crypto";
import { AwsError } from "../core/aws-error";
import type { Invoker, ServiceName } from "../core/types";

/** An error the interpreter matches in Retry/Catch by `name`; its message becomes the Cause. */
export class TaskError extends Error {
  constructor(
    name: string,
    cause: string,
    /** Terminal errors (States.DataLimitExceeded) can be neither retried nor caught. */
    private readonly terminal = false,
  ) {
    super(cause);
    this.name = name;
  }
  get isRetryable(): boolean {
    return !this.terminal;
  }
  get isCatchable(): boolean {
    return !this.terminal;
  }
}

export interface ParsedResource {
  /** As in history events: "athena", "events", "aws-sdk:athena", "lambda", ... */
  resourceType: string;
  /** As in history events: "startQueryExecution.sync", ... */
  resource: string;
  /** Lookup key of the implementation, e.g. "athena:startQueryExecution.sync". */
  key: string;
}

const SERVICE_ARN = /^arn:aws[a-z-]*:states:[a-z0-9-]*:(?:\d{12})?:(aws-sdk:[a-z0-9-]+|[a-z0-9-]+):([A-Za-z0-9.:]+)$/;

/** Splits a Task `Resource` into AWS's resourceType/resource pair. */
export function parseResource(arn: string): ParsedResource {
  const m = SERVICE_ARN.exec(arn);
  if (m) return { resourceType: m[1]!, resource: m[2]!, key: `${m[1]}:${m[2]}` };
  const parts = arn.split(":");
  // e.g. arn:aws:lambda:us-east-1:123456789012:function:f → resourceType "lambda", resource = the ARN
  return { resourceType: parts[2] ?? "unknown", resource: arn, key: arn };
}

/** A call the emulator accepted but did not send (SNS publish, HTTP invoke), kept for tests and debugging. */
export interface RecordedCall {
  resource: string;
  executionArn: string;
  stateName: string;
  parameters: unknown;
  /** Epoch milliseconds. */
  at: number;
}

export interface TaskContext {
  invoker: Invoker;
  executionArn: string;
  stateMachineArn: string;
  stateName: string;
  /** Aborted when the execution stops or this attempt times out. */
  signal: AbortSignal;
  record(call: RecordedCall): void;
  /** Records TaskSubmitted (a .sync job was started) with the start call's output. */
  submitted(output: unknown): void;
}

export type TaskImplementation = (params: Record<string, unknown>, ctx: TaskContext) => Promise<unknown>;

const ATHENA_OPS: Record<string, string> = {
  startQueryExecution: "StartQueryExecution",
  getQueryExecution: "GetQueryExecution",
  getQueryResults: "GetQueryResults",
  stopQueryExecution: "StopQueryExecution",
};

const DYNAMODB_OPS: Record<string, string> = {
  getItem: "GetItem",
  putItem: "PutItem",
  updateItem: "UpdateItem",
  deleteItem: "DeleteItem",
};

// The optimized DynamoDB integration answers the API's output plus the Java SDK's response metadata.
function withSdkMetadata(output: Record<string, unknown>): Record<string, unknown> {
  const requestId = randomUUID().replace(/-/g, "").toUpperCase().slice(0, 32);
  const headers = {
    "Content-Type": "application/x-amz-json-1.0",
    Server: "Server",
    "x-amzn-RequestId": requestId,
  };
  return {
    ...output,
    SdkHttpMetadata: {
      AllHttpHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
      HttpHeaders: headers,
      HttpStatusCode: 200,
    },
    SdkResponseMetadata: { RequestId: requestId },
  };
}

/** The implementation serving `res`, or undefined when the emulator does not support it. */
export function taskImplementation(res: ParsedResource): TaskImplementation | undefined {
  const { resourceType, resource } = res;
  if (resourceType === "athena") {
    if (resource === "startQueryExecution.sync") return runQuerySync;
    const op = ATHENA_OPS[resource];
    if (op) return async (params, ctx) => athenaOutput(await callService(ctx, "athena", op, params));
    return undefined;
  }
  if (resourceType === "events" && resource === "putEvents") return putEvents;
  if (resourceType === "dynamodb") {
    const op = DYNAMODB_OPS[resource];
    if (op) return async (params, ctx) => withSdkMetadata(await callService(ctx, "dynamodb", op, params));
    return undefined;
  }
  if (resourceType === "sns" && resource === "publish") return snsPublish;
  if (resourceType === "http" && resource === "invoke") return httpInvoke;
  // AWS SDK integrations for the two services the emulator has: the API action in camelCase.
  if (
    (resourceType === "aws-sdk:athena" || resourceType === "aws-sdk:eventbridge") &&
    /^[a-z][A-Za-z0-9]*$/.test(resource)
  ) {
    const service: ServiceName = resourceType === "aws-sdk:athena" ? "athena" : "events";
    const op = resource.charAt(0).toUpperCase() + resource.slice(1);
    return (params, ctx) => callService(ctx, service, op, params);
  }
  return undefined;
}

/** The States.TaskFailed cause for a resource the emulator does not serve. */
export function unsupportedResourceCause(arn: string): string {
  return (
    `The emulator does not support the Task resource '${arn}'. Supported: arn:aws:states:::athena:startQueryExecution[.sync], ` +
    "athena:getQueryExecution, athena:getQueryResults, athena:stopQueryExecution, events:putEvents, sns:publish, http:invoke, " +
    "dynamodb:getItem, dynamodb:putItem, dynamodb:updateItem, dynamodb:deleteItem, " +
    "aws-sdk:athena:<action>, aws-sdk:eventbridge:<action>."
  );
}

const ERROR_PREFIX: Record<ServiceName, { prefix: string; service: string }> = {
  athena: { prefix: "Athena", service: "AmazonAthena" },
  events: { prefix: "EventBridge", service: "AmazonEventBridge" },
  states: { prefix: "SFN", service: "AWSStepFunctions" },
  dynamodb: { prefix: "DynamoDB", service: "AmazonDynamoDBv2" },
  sns: { prefix: "SNS", service: "AmazonSNS" },
  cloudwatch: { prefix: "CloudWatch", service: "AmazonCloudWatch" },
  sts: { prefix: "Sts", service: "AWSSecurityTokenService" },
  iam: { prefix: "Iam", service: "AmazonIdentityManagement" },
};

// The Java SDK has no class for some codes: Step Functions then names the service's base exception.
const JAVA_EXCEPTION: Partial<Record<ServiceName, Record<string, string>>> = {
  dynamodb: { ValidationException: "AmazonDynamoDBException", SerializationException: "AmazonDynamoDBException" },
};

// Calls an emulated API; its errors become `<Service>.<Code>` with the cause text AWS's Java SDK produces.
async function callService(
  ctx: TaskContext,
  service: ServiceName,
  op: string,
  params: unknown,
): Promise<Record<string, unknown>> {
  try {
    return await ctx.invoker.invoke<Record<string, unknown>>(service, op, isObject(params) ? params : {});
  } catch (err) {
    if (err instanceof AwsError) {
      const { prefix, service: svc } = ERROR_PREFIX[service];
      throw new TaskError(
        `${prefix}.${JAVA_EXCEPTION[service]?.[err.code] ?? err.code}`,
        `${err.message} (Service: ${svc}; Status Code: ${err.status}; Error Code: ${err.code}; Request ID: ${randomUUID()}; Proxy: null)`,
      );
    }
    throw err;
  }
}

// Step Functions hands Athena's timestamps to the state machine as epoch milliseconds (the API says seconds).
function athenaOutput(value: Record<string, unknown>): Record<string, unknown> {
  const convert = (v: unknown, key: string): unknown => {
    if (typeof v === "number" && key.endsWith("DateTime")) return Math.round(v * 1000);
    if (Array.isArray(v)) return v.map((x) => convert(x, ""));
    if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, convert(x, k)]));
    return v;
  };
  return convert(value, "") as Record<string, unknown>;
}

const TERMINAL_QUERY_STATES = new Set(["SUCCEEDED", "FAILED", "CANCELLED"]);

// startQueryExecution.sync: start, then poll GetQueryExecution until the query ends (no time limit of its own).
async function runQuerySync(params: Record<string, unknown>, ctx: TaskContext): Promise<unknown> {
  const started = await callService(ctx, "athena", "StartQueryExecution", params);
  ctx.submitted(started);
  const id = started.QueryExecutionId;
  let delayMs = 25;
  try {
    for (;;) {
      let answer: Record<string, unknown>;
      try {
        answer = await callService(ctx, "athena", "GetQueryExecution", { QueryExecutionId: id });
      } catch (err) {
        // Step Functions' own polling rides out throttling instead of failing the task.
        if (err instanceof TaskError && err.name === "Athena.TooManyRequestsException") {
          await sleep(delayMs, ctx.signal);
          continue;
        }
        throw err;
      }
      const execution = isObject(answer.QueryExecution) ? answer.QueryExecution : {};
      const status = isObject(execution.Status) ? execution.Status : {};
      const state = String(status.State ?? "");
      if (TERMINAL_QUERY_STATES.has(state)) {
        const output = athenaOutput(answer);
        if (state === "SUCCEEDED") return output;
        throw new TaskError("States.TaskFailed", JSON.stringify(output));
      }
      await sleep(delayMs, ctx.signal);
      delayMs = Math.min(delayMs * 2, 500);
    }
  } catch (err) {
    // Stopping the execution (or a task timeout) stops the query too, as AWS does for .sync tasks.
    if (ctx.signal.aborted) {
      await ctx.invoker.invoke("athena", "StopQueryExecution", { QueryExecutionId: id }).catch(() => undefined);
    }
    throw err;
  }
}

async function putEvents(params: Record<string, unknown>, ctx: TaskContext): Promise<unknown> {
  const entries = Array.isArray(params.Entries) ? params.Entries : [];
  const normalised = entries.map((entry: unknown) => {
    if (!isObject(entry)) return entry;
    const out: Record<string, unknown> = { ...entry };
    // The optimised integration serialises a JSON Detail and adds the state machine and execution ARNs.
    if (isObject(out.Detail) || Array.isArray(out.Detail)) out.Detail = JSON.stringify(out.Detail);
    const resources = Array.isArray(out.Resources) ? [...(out.Resources as unknown[])] : [];
    out.Resources = [...resources, ctx.stateMachineArn, ctx.executionArn];
    return out;
  });
  const answer = await callService(ctx, "events", "PutEvents", { ...params, Entries: normalised });
  if (typeof answer.FailedEntryCount === "number" && answer.FailedEntryCount > 0) {
    throw new TaskError("EventBridge.FailedEntry", JSON.stringify(answer));
  }
  return answer;
}

async function snsPublish(params: Record<string, unknown>, ctx: TaskContext): Promise<unknown> {
  if (params.Message === undefined) {
    throw new TaskError(
      "SNS.InvalidParameterException",
      "Invalid parameter: Message (Service: AmazonSNS; Status Code: 400; Error Code: InvalidParameter)",
    );
  }
  if (params.TopicArn === undefined && params.TargetArn === undefined && params.PhoneNumber === undefined) {
    throw new TaskError(
      "SNS.InvalidParameterException",
      "Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter (Service: AmazonSNS; Status Code: 400; Error Code: InvalidParameter)",
    );
  }
  const message = typeof params.Message === "string" ? params.Message : JSON.stringify(params.Message);
  ctx.record({
    resource: "sns:publish",
    executionArn: ctx.executionArn,
    stateName: ctx.stateName,
    parameters: { ...params, Message: message },
    at: Date.now(),
  });
  return { MessageId: randomUUID() };
}

async function httpInvoke(params: Record<string, unknown>, ctx: TaskContext): Promise<unknown> {
  if (typeof params.ApiEndpoint !== "string" || typeof params.Method !== "string") {
    throw new TaskError("States.Runtime", "An HTTP Task needs the string parameters 'ApiEndpoint' and 'Method'.");
  }
  ctx.record({
    resource: "http:invoke",
    executionArn: ctx.executionArn,
    stateName: ctx.stateName,
    parameters: params,
    at: Date.now(),
  });
  // Not sent: answer like an endpoint that accepted the request with an empty JSON body.
  return { Headers: {}, ResponseBody: {}, StatusCode: 200, StatusText: "OK" };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Resolves after `ms`, or rejects as soon as `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new TaskError("States.Aborted", "The task was aborted"));
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new TaskError("States.Aborted", "The task was aborted"));
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
