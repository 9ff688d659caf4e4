// The targets resource kind (a rule's targets): read, the delta by id and by meaning, and the exact RemoveTargets /
// PutTargets that close it. PutTargets and RemoveTargets answer 200 with per-entry failures: those become errors here.
import {
  ListTargetsByRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  type Target,
} from "@aws-sdk/client-eventbridge";
import { isNotFound } from "@/lib/aws/errors";
import { canonicalJson } from "@/lib/canonical-json";
import { EVENT_BUS } from "./config";
import type { DesiredTarget } from "./desired-rule";
import type { ResourceKind } from "./resource-kind";

export type ObservedTarget = Target;
/** A desired target that is not a check's (a notification rule's: InputPath to an API destination or SNS topic). */
export type SpecTarget = Target & { Id: string; Arn: string };

/** A PutTargets / RemoveTargets entry that failed: AWS's code and message. */
export class TargetEntryError extends Error {
  constructor(
    readonly operation: "PutTargets" | "RemoveTargets",
    readonly code: string,
    message: string,
  ) {
    super(`${operation} failed for target: ${code}: ${message}`);
    this.name = code;
  }
}

/** The fields of a target this console owns, in comparable form (RetryPolicy / DeadLetterConfig are the operator's). */
function owned(t: Target | DesiredTarget | SpecTarget): string {
  const x = t as Target;
  return canonicalJson({
    Arn: x.Arn ?? null,
    RoleArn: x.RoleArn ?? null,
    Input: x.Input ?? null,
    InputPath: x.InputPath ?? null,
    InputTransformer: x.InputTransformer
      ? { InputPathsMap: x.InputTransformer.InputPathsMap ?? {}, InputTemplate: x.InputTransformer.InputTemplate ?? "" }
      : null,
    other: {
      EcsParameters: x.EcsParameters,
      HttpParameters: x.HttpParameters,
      SqsParameters: x.SqsParameters,
      KinesisParameters: x.KinesisParameters,
      BatchParameters: x.BatchParameters,
      RunCommandParameters: x.RunCommandParameters,
      SageMakerPipelineParameters: x.SageMakerPipelineParameters,
      RedshiftDataParameters: x.RedshiftDataParameters,
      AppSyncParameters: x.AppSyncParameters,
    },
  });
}

export interface TargetsDelta {
  /** Targets to write (new or different), carrying over the operator's RetryPolicy / DeadLetterConfig. */
  put: Target[];
  /** Ids of targets that should not be there. */
  remove: string[];
  /** Field-level reasons, for the plan. */
  reasons: string[];
}

/** What turns `observed` into exactly the desired targets (compared by id, then by meaning). */
function targetsDelta(desired: Array<DesiredTarget | SpecTarget>, observed: ObservedTarget[]): TargetsDelta {
  const byId = new Map(observed.map((t) => [t.Id ?? "", t]));
  const wanted = new Set(desired.map((t) => t.Id));
  const put: Target[] = [];
  const reasons: string[] = [];
  for (const d of desired) {
    const o = byId.get(d.Id);
    if (!o) {
      put.push({ ...d });
      reasons.push(`target ${d.Id} is missing`);
    } else if (owned(o) !== owned(d)) {
      put.push({
        ...d,
        ...(o.RetryPolicy ? { RetryPolicy: o.RetryPolicy } : {}),
        ...(o.DeadLetterConfig ? { DeadLetterConfig: o.DeadLetterConfig } : {}),
      });
      const fields = (["Arn", "RoleArn", "Input", "InputPath", "InputTransformer"] as const).filter(
        (f) =>
          canonicalJson((o as unknown as Record<string, unknown>)[f] ?? null) !==
          canonicalJson((d as unknown as Record<string, unknown>)[f] ?? null),
      );
      reasons.push(`target ${d.Id} differs (${fields.length ? fields.join(", ") : "parameters"})`);
    }
  }
  const remove = observed.map((t) => t.Id ?? "").filter((id) => !wanted.has(id));
  for (const id of remove) reasons.push(`target ${id} is not ours`);
  return { put, remove, reasons };
}

export type TargetsCall =
  { op: "RemoveTargets"; rule: string; ids: string[] } | { op: "PutTargets"; rule: string; targets: Target[] };

/** A rule's targets, desired or observed. */
export interface RuleTargets<T extends Target = Target> {
  rule: string;
  targets: T[];
}

type EntryAnswer = { FailedEntryCount?: number; FailedEntries?: { ErrorCode?: string; ErrorMessage?: string }[] };

function throwFailedEntry(operation: TargetsCall["op"], r: EntryAnswer): void {
  const failed = r.FailedEntries?.[0];
  if ((r.FailedEntryCount ?? 0) > 0 && failed) {
    throw new TargetEntryError(operation, failed.ErrorCode ?? "Unknown", failed.ErrorMessage ?? "no message");
  }
}

export const targetsKind = {
  /** All targets of the rule (all pages); null when the rule does not exist. */
  async read(aws, rule) {
    const targets: ObservedTarget[] = [];
    let NextToken: string | undefined;
    try {
      do {
        const page = await aws.log.send<{ Targets?: Target[]; NextToken?: string }>(
          aws.events,
          new ListTargetsByRuleCommand({ Rule: rule, EventBusName: EVENT_BUS, NextToken }),
        );
        targets.push(...(page.Targets ?? []));
        NextToken = page.NextToken;
      } while (NextToken);
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
    return { rule, targets };
  },

  delta(desired, observed) {
    const delta = targetsDelta(desired.targets, observed.targets);
    return delta.put.length || delta.remove.length ? delta : null;
  },

  create: (desired) => [{ op: "PutTargets", rule: desired.rule, targets: desired.targets }],

  update: (desired, _observed, delta) => [
    ...(delta.remove.length ? [{ op: "RemoveTargets" as const, rule: desired.rule, ids: delta.remove }] : []),
    ...(delta.put.length ? [{ op: "PutTargets" as const, rule: desired.rule, targets: delta.put }] : []),
  ],

  delete(observed) {
    const ids = observed.targets.map((t) => t.Id ?? "").filter(Boolean);
    return ids.length ? [{ op: "RemoveTargets", rule: observed.rule, ids }] : [];
  },

  /** At most 10 entries per API call; a failed entry becomes a TargetEntryError. */
  async send(aws, call) {
    const entries = call.op === "PutTargets" ? call.targets : call.ids;
    for (let i = 0; i < entries.length; i += 10) {
      const command =
        call.op === "PutTargets"
          ? new PutTargetsCommand({ Rule: call.rule, EventBusName: EVENT_BUS, Targets: call.targets.slice(i, i + 10) })
          : new RemoveTargetsCommand({ Rule: call.rule, EventBusName: EVENT_BUS, Ids: call.ids.slice(i, i + 10) });
      throwFailedEntry(call.op, await aws.log.send<EntryAnswer>(aws.events, command));
    }
  },
} satisfies ResourceKind<string, RuleTargets<DesiredTarget | SpecTarget>, RuleTargets, TargetsDelta, TargetsCall>;
