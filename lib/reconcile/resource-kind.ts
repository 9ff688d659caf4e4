// The one shape every AWS resource kind the reconciler manages has (the shared state machine, a rule, a rule's
// targets; later kinds implement the same): read, answering "not found" apart from every failure; the difference
// between desired and observed as a delta; and create / update / delete as the ordered API calls that close it.
// Planning asks a kind for those calls as plain data, so a plan shows them before anything runs and the calls
// applied are exactly the calls shown; applying hands them back to the kind one at a time (`send`).
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import type { SFNClient } from "@aws-sdk/client-sfn";
import type { CallLog } from "./call-log";

/** The AWS clients of a pass and its call log: what a kind needs to read and to send its calls. */
export interface AwsContext {
  events: EventBridgeClient;
  sfn: SFNClient;
  /** The verdict table's API; absent in passes that leave the table alone. */
  dynamodb?: DynamoDBClient;
  log: CallLog;
}

/** One API call a plan makes: the AWS operation it is (what the Reconcile page and error messages name) and its input. */
export interface ResourceCall {
  readonly op: string;
}

/** One field that differs between desired and observed, for the plan's diff. */
export interface FieldChange {
  field: string;
  desired: string | null;
  observed: string | null;
}

/**
 * A resource kind. `Key` identifies one resource to read, `Delta` is what `delta` finds between desired and observed
 * (null when nothing differs: then no update is planned and no call made), `Call` the calls its plans are made of.
 */
export interface ResourceKind<Key, Desired, Observed, Delta, Call extends ResourceCall> {
  /** The resource as AWS has it; null only when AWS says it does not exist (any other failure throws). */
  read(aws: AwsContext, key: Key): Promise<Observed | null>;
  /** What separates `observed` from `desired` (pure), or null when they match by meaning. */
  delta(desired: Desired, observed: Observed): Delta | null;
  /** The calls that create it, in order (pure). */
  create(desired: Desired): Call[];
  /** The calls that apply `delta`, in order (pure). */
  update(desired: Desired, observed: Observed, delta: Delta): Call[];
  /** The calls that delete it, in order (pure). Absent for kinds the console creates but never deletes. */
  delete?(observed: Observed): Call[];
  /** Makes one call; AWS's refusal (including a failed entry of a 200 batch answer) is thrown. */
  send(aws: AwsContext, call: Call): Promise<void>;
}

/** A planned call that failed: which one (its operation), and AWS's error. */
export class CallFailedError extends Error {
  constructor(
    readonly op: string,
    readonly error: unknown,
  ) {
    super(`${op} failed: ${error instanceof Error ? error.message : String(error)}`);
    this.name = "CallFailedError";
  }
}

/**
 * Sends `calls` in order, stopping at the first failure, which is thrown as a CallFailedError naming that call.
 * `after` runs after each successful call (the crash tests stop a pass there).
 */
export async function runCalls<C extends ResourceCall>(
  calls: readonly C[],
  send: (call: C) => Promise<void>,
  after: (call: C) => void | Promise<void> = () => {},
): Promise<void> {
  for (const call of calls) {
    try {
      await send(call);
    } catch (error) {
      throw new CallFailedError(call.op, error);
    }
    await after(call);
  }
}
