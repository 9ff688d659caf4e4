// The shared state machine: read (DescribeStateMachine + tags), create, update — always validated first with
// ValidateStateMachineDefinition — and the comparison that decides whether an update is needed (definitions as
// JSON documents, the role ARN, the type).
import {
  CreateStateMachineCommand,
  DescribeStateMachineCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UpdateStateMachineCommand,
  ValidateStateMachineDefinitionCommand,
  type SFNClient,
} from "@aws-sdk/client-sfn";
import { isNotFound } from "@/lib/aws/errors";
import type { CallLog } from "./call-log";
import { canonicalJson } from "@/lib/canonical-json";
import { MANAGED_BY_TAG, MANAGED_BY_VALUE, stateMachineArn, type ReconcileConfig } from "./config";
import { buildStateMachineDefinition, stateMachineDefinitionText } from "./state-machine-definition";

export interface ObservedStateMachine {
  arn: string;
  definition: string;
  roleArn: string;
  type: string;
  tags: Record<string, string>;
}

export type StateMachineAction = "create" | "update" | "noop" | "conflict";

export interface StateMachinePlan {
  arn: string;
  action: StateMachineAction;
  reasons: string[];
  changes: { field: string; desired: string | null; observed: string | null }[];
}

/** Thrown when AWS judges the generated definition invalid; carries its diagnostics. */
export class DefinitionInvalidError extends Error {
  constructor(readonly diagnostics: string[]) {
    super(`ValidateStateMachineDefinition refused the generated definition: ${diagnostics.join("; ")}`);
    this.name = "DefinitionInvalidError";
  }
}

/** The state machine and its tags, or null when it does not exist. */
export async function readStateMachine(
  sfn: SFNClient,
  log: CallLog,
  config: ReconcileConfig,
): Promise<ObservedStateMachine | null> {
  const arn = stateMachineArn(config);
  let d: { definition?: string; roleArn?: string; type?: string; stateMachineArn?: string };
  try {
    d = await log.send(sfn, new DescribeStateMachineCommand({ stateMachineArn: arn }));
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
  const t = await log.send<{ tags?: { key?: string; value?: string }[] }>(
    sfn,
    new ListTagsForResourceCommand({ resourceArn: arn }),
  );
  return {
    arn: d.stateMachineArn ?? arn,
    definition: d.definition ?? "",
    roleArn: d.roleArn ?? "",
    type: d.type ?? "",
    tags: Object.fromEntries((t.tags ?? []).map((x) => [x.key ?? "", x.value ?? ""])),
  };
}

function sameDefinition(observedText: string): boolean {
  try {
    return canonicalJson(JSON.parse(observedText)) === canonicalJson(buildStateMachineDefinition());
  } catch {
    return false;
  }
}

/** What the state machine needs (pure). An existing one without our tag, or of the wrong type, is a conflict. */
export function planStateMachine(observed: ObservedStateMachine | null, config: ReconcileConfig): StateMachinePlan {
  const arn = stateMachineArn(config);
  if (!observed) {
    return {
      arn,
      action: "create",
      reasons: ["the shared state machine does not exist"],
      changes: [{ field: "stateMachine", desired: config.stateMachineName, observed: null }],
    };
  }
  if (observed.tags[MANAGED_BY_TAG] !== MANAGED_BY_VALUE) {
    return {
      arn,
      action: "conflict",
      reasons: [
        `state machine ${config.stateMachineName} exists without the ${MANAGED_BY_TAG}=${MANAGED_BY_VALUE} tag: it is not ours and is left alone (set STATE_MACHINE_NAME to another name, or tag it)`,
      ],
      changes: [],
    };
  }
  if (observed.type !== "STANDARD") {
    return {
      arn,
      action: "conflict",
      reasons: [
        `state machine ${config.stateMachineName} is ${observed.type}; the type cannot be changed — delete it or choose another STATE_MACHINE_NAME`,
      ],
      changes: [],
    };
  }
  const changes: StateMachinePlan["changes"] = [];
  if (!sameDefinition(observed.definition))
    changes.push({ field: "definition", desired: "generated definition", observed: "a different definition" });
  if (observed.roleArn !== config.stateMachineRoleArn)
    changes.push({ field: "roleArn", desired: config.stateMachineRoleArn, observed: observed.roleArn });
  return changes.length
    ? { arn, action: "update", reasons: changes.map((c) => `${c.field} differs`), changes }
    : { arn, action: "noop", reasons: [], changes: [] };
}

async function validate(sfn: SFNClient, log: CallLog, definition: string): Promise<void> {
  const r = await log.send<{ result?: string; diagnostics?: { code?: string; message?: string; location?: string }[] }>(
    sfn,
    new ValidateStateMachineDefinitionCommand({ definition, type: "STANDARD" }),
  );
  if (r.result !== "OK") {
    throw new DefinitionInvalidError(
      (r.diagnostics ?? []).map((d) => `${d.code ?? "?"}: ${d.message ?? ""}${d.location ? ` at ${d.location}` : ""}`),
    );
  }
}

/** Creates or updates the state machine as planned (validating the definition first); no call for noop/conflict. */
export async function applyStateMachine(
  sfn: SFNClient,
  log: CallLog,
  config: ReconcileConfig,
  plan: StateMachinePlan,
  observed: ObservedStateMachine | null,
): Promise<void> {
  if (plan.action === "noop" || plan.action === "conflict") return;
  const definition = stateMachineDefinitionText();
  await validate(sfn, log, definition);
  if (plan.action === "create") {
    await log.send(
      sfn,
      new CreateStateMachineCommand({
        name: config.stateMachineName,
        definition,
        roleArn: config.stateMachineRoleArn,
        type: "STANDARD",
        tags: [{ key: MANAGED_BY_TAG, value: MANAGED_BY_VALUE }],
      }),
    );
    return;
  }
  await log.send(
    sfn,
    new UpdateStateMachineCommand({ stateMachineArn: plan.arn, definition, roleArn: config.stateMachineRoleArn }),
  );
  if (observed && observed.tags[MANAGED_BY_TAG] !== MANAGED_BY_VALUE) {
    await log.send(
      sfn,
      new TagResourceCommand({ resourceArn: plan.arn, tags: [{ key: MANAGED_BY_TAG, value: MANAGED_BY_VALUE }] }),
    );
  }
}
