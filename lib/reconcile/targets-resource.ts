// The targets of a rule: read, diff by id and by meaning, and the exact RemoveTargets / PutTargets that close the
// gap. PutTargets and RemoveTargets answer 200 with per-entry failures: those are turned into errors here.
import {
  ListTargetsByRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  type EventBridgeClient,
  type Target,
} from "@aws-sdk/client-eventbridge";
import type { CallLog } from "./call-log";
import { canonicalJson } from "@/lib/canonical-json";
import { EVENT_BUS } from "./config";
import type { DesiredTarget } from "./desired-rule";

export type ObservedTarget = Target;

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

/** All targets of the rule (all pages). */
export async function readTargets(events: EventBridgeClient, log: CallLog, rule: string): Promise<ObservedTarget[]> {
  const out: ObservedTarget[] = [];
  let NextToken: string | undefined;
  do {
    const page = await log.send<{ Targets?: Target[]; NextToken?: string }>(
      events,
      new ListTargetsByRuleCommand({ Rule: rule, EventBusName: EVENT_BUS, NextToken }),
    );
    out.push(...(page.Targets ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return out;
}

/** The fields of a target this console owns, in comparable form (RetryPolicy / DeadLetterConfig are the operator's). */
function owned(t: Target | DesiredTarget): string {
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
export function targetsDelta(desired: DesiredTarget[], observed: ObservedTarget[]): TargetsDelta {
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

/** Removes targets by id (≤ 10 per call); entry failures become TargetEntryError. */
export async function removeTargets(
  events: EventBridgeClient,
  log: CallLog,
  rule: string,
  ids: string[],
): Promise<void> {
  for (let i = 0; i < ids.length; i += 10) {
    const r = await log.send<{
      FailedEntryCount?: number;
      FailedEntries?: { ErrorCode?: string; ErrorMessage?: string }[];
    }>(events, new RemoveTargetsCommand({ Rule: rule, EventBusName: EVENT_BUS, Ids: ids.slice(i, i + 10) }));
    const failed = r.FailedEntries?.[0];
    if ((r.FailedEntryCount ?? 0) > 0 && failed) {
      throw new TargetEntryError("RemoveTargets", failed.ErrorCode ?? "Unknown", failed.ErrorMessage ?? "no message");
    }
  }
}

/** Writes targets (≤ 10 per call); entry failures become TargetEntryError. */
export async function putTargets(
  events: EventBridgeClient,
  log: CallLog,
  rule: string,
  targets: Target[],
): Promise<void> {
  for (let i = 0; i < targets.length; i += 10) {
    const r = await log.send<{
      FailedEntryCount?: number;
      FailedEntries?: { ErrorCode?: string; ErrorMessage?: string }[];
    }>(events, new PutTargetsCommand({ Rule: rule, EventBusName: EVENT_BUS, Targets: targets.slice(i, i + 10) }));
    const failed = r.FailedEntries?.[0];
    if ((r.FailedEntryCount ?? 0) > 0 && failed) {
      throw new TargetEntryError("PutTargets", failed.ErrorCode ?? "Unknown", failed.ErrorMessage ?? "no message");
    }
  }
}
