// The verdict table as a resource kind: the DynamoDB table where the shared state machine keeps each check's last
// verdict (UpdateItem … ReturnValues UPDATED_OLD gives it the previous one, hence verdictChanged). Read
// (DescribeTable + ListTagsOfResource, not-found apart), the delta (billing mode, our tags), create (on-demand,
// key `checkId` S, tagged), update (UpdateTable to on-demand, TagResource) and delete. `planVerdictTable` adds what
// the kind alone cannot know: a table without our tag, or with another key, is a conflict and left alone; a table
// nobody wants any more is deleted only when it is ours.
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  ListTagsOfResourceCommand,
  TagResourceCommand,
  UpdateTableCommand,
} from "@aws-sdk/client-dynamodb";
import { isNotFound } from "@/lib/aws/errors";
import { MANAGED_BY_TAG, MANAGED_BY_VALUE, verdictTableArn, type ReconcileConfig } from "./config";
import { runCalls, type AwsContext, type FieldChange, type ResourceKind } from "./resource-kind";

/** The table's partition key: one item per check. */
export const VERDICT_TABLE_KEY = "checkId";
export const VERDICT_TABLE_BILLING = "PAY_PER_REQUEST";

export interface DesiredVerdictTable {
  name: string;
  arn: string;
  billingMode: typeof VERDICT_TABLE_BILLING;
  tags: Record<string, string>;
}

export interface ObservedVerdictTable {
  name: string;
  arn: string;
  /** PROVISIONED when DescribeTable says nothing (AWS's default). */
  billingMode: string;
  status: string;
  /** "checkId:HASH:S" for ours; anything else cannot be changed in place. */
  key: string;
  tags: Record<string, string>;
}

export interface VerdictTableDelta {
  billingMode?: string;
  /** Tags to set (missing or different). */
  tags?: Record<string, string>;
  changes: FieldChange[];
}

export type VerdictTableCall =
  | { op: "CreateTable"; table: DesiredVerdictTable }
  | { op: "UpdateTable"; name: string; billingMode: string }
  | { op: "TagResource"; arn: string; tags: Record<string, string> }
  | { op: "DeleteTable"; name: string };

interface VerdictTablePlanBase {
  name: string;
  arn: string;
  reasons: string[];
  changes: FieldChange[];
}

/** What the verdict table needs, with the calls that do it (none for noop and conflict). */
export type VerdictTablePlan =
  | (VerdictTablePlanBase & { action: "create" | "update" | "delete"; calls: VerdictTableCall[] })
  | (VerdictTablePlanBase & { action: "noop" | "conflict"; calls: [] });

const OUR_KEY = `${VERDICT_TABLE_KEY}:HASH:S`;

/** The table this configuration wants. */
export function desiredVerdictTable(config: ReconcileConfig): DesiredVerdictTable {
  return {
    name: config.verdictTableName,
    arn: verdictTableArn(config),
    billingMode: VERDICT_TABLE_BILLING,
    tags: { [MANAGED_BY_TAG]: MANAGED_BY_VALUE },
  };
}

function dynamodbOf(aws: AwsContext) {
  if (!aws.dynamodb) throw new Error("internal: the verdict table needs a DynamoDB client");
  return aws.dynamodb;
}

export const verdictTableKind = {
  async read(aws, name) {
    const client = dynamodbOf(aws);
    let t: {
      Table?: {
        TableName?: string;
        TableArn?: string;
        TableStatus?: string;
        BillingModeSummary?: { BillingMode?: string };
        KeySchema?: { AttributeName?: string; KeyType?: string }[];
        AttributeDefinitions?: { AttributeName?: string; AttributeType?: string }[];
      };
    };
    try {
      t = await aws.log.send(client, new DescribeTableCommand({ TableName: name }));
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
    const table = t.Table ?? {};
    const arn = table.TableArn ?? "";
    const types = new Map((table.AttributeDefinitions ?? []).map((a) => [a.AttributeName, a.AttributeType]));
    const key = (table.KeySchema ?? []).map((k) => `${k.AttributeName}:${k.KeyType}:${types.get(k.AttributeName)}`);
    const tags = await aws.log.send<{ Tags?: { Key?: string; Value?: string }[] }>(
      client,
      new ListTagsOfResourceCommand({ ResourceArn: arn }),
    );
    return {
      name: table.TableName ?? name,
      arn,
      billingMode: table.BillingModeSummary?.BillingMode ?? "PROVISIONED",
      status: table.TableStatus ?? "",
      key: key.join(","),
      tags: Object.fromEntries((tags.Tags ?? []).map((x) => [x.Key ?? "", x.Value ?? ""])),
    };
  },

  delta(desired, observed) {
    const out: VerdictTableDelta = { changes: [] };
    if (observed.billingMode !== desired.billingMode) {
      out.billingMode = desired.billingMode;
      out.changes.push({ field: "billingMode", desired: desired.billingMode, observed: observed.billingMode });
    }
    const tags = Object.fromEntries(Object.entries(desired.tags).filter(([k, v]) => observed.tags[k] !== v));
    if (Object.keys(tags).length) {
      out.tags = tags;
      for (const [k, v] of Object.entries(tags))
        out.changes.push({ field: `tag ${k}`, desired: v, observed: observed.tags[k] ?? null });
    }
    return out.changes.length ? out : null;
  },

  create: (desired) => [{ op: "CreateTable", table: desired }],

  update: (desired, observed, delta) => [
    ...(delta.billingMode ? [{ op: "UpdateTable" as const, name: observed.name, billingMode: delta.billingMode }] : []),
    ...(delta.tags ? [{ op: "TagResource" as const, arn: observed.arn, tags: delta.tags }] : []),
  ],

  delete: (observed) => [{ op: "DeleteTable", name: observed.name }],

  async send(aws, call) {
    const client = dynamodbOf(aws);
    switch (call.op) {
      case "CreateTable": {
        const t = call.table;
        await aws.log.send(
          client,
          new CreateTableCommand({
            TableName: t.name,
            AttributeDefinitions: [{ AttributeName: VERDICT_TABLE_KEY, AttributeType: "S" }],
            KeySchema: [{ AttributeName: VERDICT_TABLE_KEY, KeyType: "HASH" }],
            BillingMode: t.billingMode,
            Tags: Object.entries(t.tags).map(([Key, Value]) => ({ Key, Value })),
          }),
        );
        return;
      }
      case "UpdateTable":
        await aws.log.send(
          client,
          new UpdateTableCommand({
            TableName: call.name,
            BillingMode: call.billingMode as typeof VERDICT_TABLE_BILLING,
          }),
        );
        return;
      case "TagResource":
        await aws.log.send(
          client,
          new TagResourceCommand({
            ResourceArn: call.arn,
            Tags: Object.entries(call.tags).map(([Key, Value]) => ({ Key, Value })),
          }),
        );
        return;
      case "DeleteTable":
        await aws.log.send(client, new DeleteTableCommand({ TableName: call.name }));
        return;
    }
  },
} satisfies ResourceKind<string, DesiredVerdictTable, ObservedVerdictTable, VerdictTableDelta, VerdictTableCall>;

/**
 * What the verdict table needs (pure). `desired` null: no table is wanted under that name (then only ours is
 * deleted). One that exists without our tag, or with another key, is a conflict.
 */
export function planVerdictTable(
  observed: ObservedVerdictTable | null,
  desired: DesiredVerdictTable | null,
  name: string,
): VerdictTablePlan {
  const arn = desired?.arn ?? observed?.arn ?? "";
  const ours = observed?.tags[MANAGED_BY_TAG] === MANAGED_BY_VALUE;
  if (!desired) {
    if (!observed || !ours) return { name, arn, action: "noop", reasons: [], changes: [], calls: [] };
    return {
      name,
      arn,
      action: "delete",
      reasons: ["no verdict table is wanted under this name"],
      changes: [{ field: "table", desired: null, observed: name }],
      calls: verdictTableKind.delete(observed),
    };
  }
  if (!observed) {
    return {
      name,
      arn,
      action: "create",
      reasons: ["the verdict table does not exist"],
      changes: [{ field: "table", desired: `${name} (on-demand, key ${VERDICT_TABLE_KEY})`, observed: null }],
      calls: verdictTableKind.create(desired),
    };
  }
  if (!ours) {
    return {
      name,
      arn,
      action: "conflict",
      reasons: [
        `table ${name} exists without the ${MANAGED_BY_TAG}=${MANAGED_BY_VALUE} tag: it is not ours and is left alone (set VERDICT_TABLE_NAME to another name, or tag it)`,
      ],
      changes: [],
      calls: [],
    };
  }
  if (observed.key !== OUR_KEY) {
    return {
      name,
      arn,
      action: "conflict",
      reasons: [
        `table ${name} has the key ${observed.key || "(none)"}, not ${OUR_KEY}; a key cannot be changed — delete the table or choose another VERDICT_TABLE_NAME`,
      ],
      changes: [],
      calls: [],
    };
  }
  const delta = verdictTableKind.delta(desired, observed);
  return delta
    ? {
        name,
        arn,
        action: "update",
        reasons: delta.changes.map((c) => `${c.field} differs`),
        changes: delta.changes,
        calls: verdictTableKind.update(desired, observed, delta),
      }
    : { name, arn, action: "noop", reasons: [], changes: [], calls: [] };
}

/** Makes the planned calls in order; a failure is a CallFailedError naming its call. */
export async function applyVerdictTable(aws: AwsContext, plan: VerdictTablePlan): Promise<void> {
  await runCalls<VerdictTableCall>(plan.calls, (call) => verdictTableKind.send(aws, call));
}
