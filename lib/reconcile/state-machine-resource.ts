// The shared state machine as a resource kind: read (DescribeStateMachine + its tags), the delta (definitions
// compared as JSON documents, the role ARN), and create / update — each preceded by ValidateStateMachineDefinition.
// The console never deletes it. `planStateMachine` adds what the kind alone cannot know: one that exists without our
// tag, or of another type, is a conflict and left alone.
import {
  CreateStateMachineCommand,
  DescribeStateMachineCommand,
  ListTagsForResourceCommand,
  UpdateStateMachineCommand,
  ValidateStateMachineDefinitionCommand,
} from "@aws-sdk/client-sfn";
import { isNotFound } from "@/lib/aws/errors";
import { canonicalJson } from "@/lib/canonical-json";
import { MANAGED_BY_TAG, MANAGED_BY_VALUE, stateMachineArn, type ReconcileConfig } from "./config";
import { runCalls, type AwsContext, type FieldChange, type ResourceKind } from "./resource-kind";
import { stateMachineDefinitionText } from "./state-machine-definition";

export interface DesiredStateMachine {
  name: string;
  arn: string;
  /** The definition as sent to AWS. */
  definition: string;
  roleArn: string;
  tags: Record<string, string>;
}

export interface ObservedStateMachine {
  arn: string;
  definition: string;
  roleArn: string;
  type: string;
  tags: Record<string, string>;
}

export type StateMachineCall =
  | { op: "ValidateStateMachineDefinition"; definition: string }
  | { op: "CreateStateMachine"; machine: DesiredStateMachine }
  | { op: "UpdateStateMachine"; machine: DesiredStateMachine };

interface StateMachinePlanBase {
  arn: string;
  reasons: string[];
  changes: FieldChange[];
}

/** What the state machine needs, with the calls that do it (none for noop and conflict). */
export type StateMachinePlan =
  | (StateMachinePlanBase & { action: "create" | "update"; calls: StateMachineCall[] })
  | (StateMachinePlanBase & { action: "noop" | "conflict"; calls: [] });

/** Thrown when AWS judges the generated definition invalid; carries its diagnostics. */
export class DefinitionInvalidError extends Error {
  constructor(readonly diagnostics: string[]) {
    super(`ValidateStateMachineDefinition refused the generated definition: ${diagnostics.join("; ")}`);
    this.name = "DefinitionInvalidError";
  }
}

/** The state machine this configuration wants. */
export function desiredStateMachine(config: ReconcileConfig): DesiredStateMachine {
  return {
    name: config.stateMachineName,
    arn: stateMachineArn(config),
    definition: stateMachineDefinitionText(config),
    roleArn: config.stateMachineRoleArn,
    tags: { [MANAGED_BY_TAG]: MANAGED_BY_VALUE },
  };
}

function sameDefinition(observedText: string, desiredText: string): boolean {
  try {
    return canonicalJson(JSON.parse(observedText)) === canonicalJson(JSON.parse(desiredText));
  } catch {
    return false;
  }
}

const validateCall = (d: DesiredStateMachine): StateMachineCall => ({
  op: "ValidateStateMachineDefinition",
  definition: d.definition,
});

export const stateMachineKind = {
  /** The state machine at `arn` and its tags. */
  async read(aws, arn) {
    let d: { definition?: string; roleArn?: string; type?: string; stateMachineArn?: string };
    try {
      d = await aws.log.send(aws.sfn, new DescribeStateMachineCommand({ stateMachineArn: arn }));
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
    const t = await aws.log.send<{ tags?: { key?: string; value?: string }[] }>(
      aws.sfn,
      new ListTagsForResourceCommand({ resourceArn: arn }),
    );
    return {
      arn: d.stateMachineArn ?? arn,
      definition: d.definition ?? "",
      roleArn: d.roleArn ?? "",
      type: d.type ?? "",
      tags: Object.fromEntries((t.tags ?? []).map((x) => [x.key ?? "", x.value ?? ""])),
    };
  },

  delta(desired, observed) {
    const changes: FieldChange[] = [];
    if (!sameDefinition(observed.definition, desired.definition))
      changes.push({ field: "definition", desired: "generated definition", observed: "a different definition" });
    if (observed.roleArn !== desired.roleArn)
      changes.push({ field: "roleArn", desired: desired.roleArn, observed: observed.roleArn });
    return changes.length ? changes : null;
  },

  create: (desired) => [validateCall(desired), { op: "CreateStateMachine", machine: desired }],

  update: (desired) => [validateCall(desired), { op: "UpdateStateMachine", machine: desired }],

  async send(aws, call) {
    switch (call.op) {
      case "ValidateStateMachineDefinition": {
        const r = await aws.log.send<{
          result?: string;
          diagnostics?: { code?: string; message?: string; location?: string }[];
        }>(aws.sfn, new ValidateStateMachineDefinitionCommand({ definition: call.definition, type: "STANDARD" }));
        if (r.result !== "OK") {
          throw new DefinitionInvalidError(
            (r.diagnostics ?? []).map(
              (d) => `${d.code ?? "?"}: ${d.message ?? ""}${d.location ? ` at ${d.location}` : ""}`,
            ),
          );
        }
        return;
      }
      case "CreateStateMachine": {
        const m = call.machine;
        await aws.log.send(
          aws.sfn,
          new CreateStateMachineCommand({
            name: m.name,
            definition: m.definition,
            roleArn: m.roleArn,
            type: "STANDARD",
            tags: Object.entries(m.tags).map(([key, value]) => ({ key, value })),
          }),
        );
        return;
      }
      case "UpdateStateMachine": {
        const m = call.machine;
        await aws.log.send(
          aws.sfn,
          new UpdateStateMachineCommand({ stateMachineArn: m.arn, definition: m.definition, roleArn: m.roleArn }),
        );
        return;
      }
    }
  },
} satisfies ResourceKind<string, DesiredStateMachine, ObservedStateMachine, FieldChange[], StateMachineCall>;

/** What the state machine needs (pure). An existing one without our tag, or of the wrong type, is a conflict. */
export function planStateMachine(
  observed: ObservedStateMachine | null,
  desired: DesiredStateMachine,
): StateMachinePlan {
  const arn = desired.arn;
  if (!observed) {
    return {
      arn,
      action: "create",
      reasons: ["the shared state machine does not exist"],
      changes: [{ field: "stateMachine", desired: desired.name, observed: null }],
      calls: stateMachineKind.create(desired),
    };
  }
  if (observed.tags[MANAGED_BY_TAG] !== MANAGED_BY_VALUE) {
    return {
      arn,
      action: "conflict",
      reasons: [
        `state machine ${desired.name} exists without the ${MANAGED_BY_TAG}=${MANAGED_BY_VALUE} tag: it is not ours and is left alone (set STATE_MACHINE_NAME to another name, or tag it)`,
      ],
      changes: [],
      calls: [],
    };
  }
  if (observed.type !== "STANDARD") {
    return {
      arn,
      action: "conflict",
      reasons: [
        `state machine ${desired.name} is ${observed.type}; the type cannot be changed — delete it or choose another STATE_MACHINE_NAME`,
      ],
      changes: [],
      calls: [],
    };
  }
  const delta = stateMachineKind.delta(desired, observed);
  return delta
    ? {
        arn,
        action: "update",
        reasons: delta.map((c) => `${c.field} differs`),
        changes: delta,
        calls: stateMachineKind.update(desired),
      }
    : { arn, action: "noop", reasons: [], changes: [], calls: [] };
}

/** Makes the planned calls in order (none for noop / conflict); a failure is a CallFailedError naming its call. */
export async function applyStateMachine(aws: AwsContext, plan: StateMachinePlan): Promise<void> {
  await runCalls<StateMachineCall>(plan.calls, (call) => stateMachineKind.send(aws, call));
}
