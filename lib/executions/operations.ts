// What the execution actions do against AWS: Run now, Rerun, Stop, Test trigger. Server actions wrap these
// (lib/actions/executions.ts); they stay here so integration tests can drive them without Next. Refusals are
// ExecutionRefusedError, whose message the action client shows to the operator.

import "server-only";
import { StartExecutionCommand, StopExecutionCommand } from "@aws-sdk/client-sfn";
import { PutEventsCommand, TestEventPatternCommand } from "@aws-sdk/client-eventbridge";
import { randomBytes } from "node:crypto";
import type { Check } from "@/lib/checks/types";
import type { ExecutionActor, ExecutionInput } from "@/lib/checks/execution-contract";
import { awsClients } from "@/lib/aws/clients";
import { describeAwsError } from "@/lib/aws/errors";
import { env } from "@/lib/env";
import { buildExecutionInput } from "@/lib/reconcile/target-input";
import { acknowledgedKeys } from "@/lib/db/findings";
import { reconcileConfigFromEnv, ruleNameFor, stateMachineArn } from "@/lib/reconcile/config";
import { ExecutionRefusedError } from "./errors";
import { executionName } from "./execution-name";
import { parseExecutionInput } from "./execution-io";
import { ecsSampleEvent, fitEventToPattern, scheduledEvent } from "./sample-event";
import { refreshOne } from "./runtime";

/** The ARN of the check's rule (what a scheduled event names in `resources`). */
export function ruleArnFor(check: Pick<Check, "slug">): string {
  const c = reconcileConfigFromEnv();
  return `arn:${c.partition}:events:${c.region}:${c.accountId}:rule/${ruleNameFor(c, check.slug)}`;
}

/** The event Run now pretends arrived: a schedule's event, or the ECS sample fitted to the check's pattern. */
export function synthesizedEvent(check: Pick<Check, "slug" | "trigger">, at: Date): Record<string, unknown> {
  const where = { account: env.AWS_ACCOUNT_ID, region: env.AWS_REGION, at };
  if (check.trigger.kind === "schedule") return scheduledEvent({ ruleArn: ruleArnFor(check), ...where });
  return fitEventToPattern(ecsSampleEvent(), check.trigger.pattern, where);
}

/** Starts an execution named `<slug>-<kind>-<time>`; a clash within the same second gets a short suffix. */
async function start(
  slug: string,
  kind: "manual" | "rerun",
  input: unknown,
  at: Date,
): Promise<{ name: string; executionArn: string }> {
  const { sfn } = awsClients();
  for (let attempt = 0; attempt < 3; attempt++) {
    const name = executionName(slug, kind, at, attempt === 0 ? undefined : randomBytes(3).toString("hex"));
    try {
      const out = await sfn.send(
        new StartExecutionCommand({
          stateMachineArn: stateMachineArn(reconcileConfigFromEnv()),
          name,
          input: JSON.stringify(input),
        }),
      );
      const executionArn = out.executionArn!;
      await refreshOne(executionArn).catch(() => undefined); // the index shows it at once; the sync would anyway
      return { name, executionArn };
    } catch (error) {
      const info = describeAwsError(error);
      if (info.code === "ExecutionAlreadyExists") continue;
      if (info.code === "StateMachineDoesNotExist") {
        throw new ExecutionRefusedError(
          `The state machine ${env.STATE_MACHINE_NAME} does not exist yet. Reconcile first (the Reconcile page), then run the check.`,
        );
      }
      throw new ExecutionRefusedError(`Step Functions refused to start the execution: ${info.code}: ${info.message}`);
    }
  }
  throw new ExecutionRefusedError("Could not find a free execution name; try again in a second.");
}

/** Run now: the input the check's rule would send (same builder), for a synthesized trigger event. */
export async function runNow(
  check: Check,
  actor: ExecutionActor,
  at = new Date(),
): Promise<{ name: string; executionArn: string; input: ExecutionInput }> {
  const acknowledgedFindings =
    check.expectation.kind === "noUnacknowledgedFindings"
      ? await acknowledgedKeys(check.id, check.findingKeys, at)
      : undefined;
  const input = buildExecutionInput(
    { ...check, acknowledgedFindings },
    { kind: "manual", actor },
    synthesizedEvent(check, at),
  );
  return { ...(await start(check.slug, "manual", input, at)), input };
}

/** Rerun: the execution's own input (query, parameters, event as they were), as a new execution. */
export async function rerun(
  original: { executionArn: string; input: unknown },
  actor: ExecutionActor,
  at = new Date(),
): Promise<{ name: string; executionArn: string }> {
  const parsed = parseExecutionInput(
    typeof original.input === "string" ? original.input : JSON.stringify(original.input),
  );
  if (!parsed || typeof original.input !== "object" || original.input === null) {
    throw new ExecutionRefusedError(
      "This execution was not started with an audit check's input, so it cannot be rerun from here.",
    );
  }
  // Keep every field of the original (including ones this console version does not know), change only the trigger.
  const input = {
    ...(original.input as Record<string, unknown>),
    trigger: { kind: "rerun", rerunOf: original.executionArn, actor },
  };
  return start(parsed.check.slug, "rerun", input, at);
}

/** Stops a running execution (Step Functions records it as ABORTED with this cause). */
export async function stop(executionArn: string, who: string): Promise<void> {
  const { sfn } = awsClients();
  try {
    await sfn.send(
      new StopExecutionCommand({
        executionArn,
        error: "StoppedByOperator",
        cause: `Stopped from the Audit Checks Console by ${who}.`,
      }),
    );
  } catch (error) {
    const info = describeAwsError(error);
    throw new ExecutionRefusedError(`Step Functions refused to stop the execution: ${info.code}: ${info.message}`);
  }
  await refreshOne(executionArn).catch(() => undefined);
}

/** The default sample for Test trigger: the ECS sample fitted to the pattern (or a schedule's event). */
export function sampleEventFor(check: Check, at = new Date()): Record<string, unknown> {
  return synthesizedEvent(check, at);
}

function parseEvent(text: string): Record<string, unknown> {
  let event: unknown;
  try {
    event = JSON.parse(text);
  } catch (error) {
    throw new ExecutionRefusedError(`The event is not valid JSON: ${(error as Error).message}`, "event");
  }
  if (!event || typeof event !== "object" || Array.isArray(event))
    throw new ExecutionRefusedError("The event must be a JSON object.", "event");
  const missing = ["id", "account", "source", "time", "region", "resources", "detail-type"].filter(
    (k) => !(k in (event as object)),
  );
  if (missing.length)
    throw new ExecutionRefusedError(`EventBridge needs these fields in a test event: ${missing.join(", ")}.`, "event");
  return event as Record<string, unknown>;
}

/** TestEventPattern: does the check's pattern match this event? */
export async function testPattern(pattern: Record<string, unknown>, eventText: string): Promise<boolean> {
  const event = parseEvent(eventText);
  try {
    const out = await awsClients().events.send(
      new TestEventPatternCommand({ EventPattern: JSON.stringify(pattern), Event: JSON.stringify(event) }),
    );
    return out.Result === true;
  } catch (error) {
    const info = describeAwsError(error);
    throw new ExecutionRefusedError(
      `EventBridge could not test the pattern: ${info.code}: ${info.message}`,
      info.code === "InvalidEventPatternException" ? undefined : "event",
    );
  }
}

/** Whether "send it as a real event" is offered: only against the emulator (AWS refuses `aws.*` sources from callers). */
export function canSendEvents(): boolean {
  return env.ACC_AWS_MODE === "emulator";
}

/** PutEvents of the pasted event on the default bus (emulator only); the event id. */
export async function sendEvent(eventText: string): Promise<string> {
  if (!canSendEvents())
    throw new ExecutionRefusedError(
      "Sending test events is only offered against the emulator: AWS does not accept events with an aws.* source from callers.",
    );
  const event = parseEvent(eventText);
  const time = new Date(String(event.time));
  const out = await awsClients().events.send(
    new PutEventsCommand({
      Entries: [
        {
          Source: String(event.source),
          DetailType: String(event["detail-type"]),
          Detail: JSON.stringify(event.detail ?? {}),
          Resources: Array.isArray(event.resources) ? event.resources.map(String) : [],
          Time: Number.isNaN(time.getTime()) ? undefined : time,
          EventBusName: "default",
        },
      ],
    }),
  );
  const entry = out.Entries?.[0];
  if (!entry?.EventId)
    throw new ExecutionRefusedError(
      `EventBridge did not accept the event: ${entry?.ErrorCode ?? "unknown"}: ${entry?.ErrorMessage ?? ""}`,
    );
  return entry.EventId;
}
