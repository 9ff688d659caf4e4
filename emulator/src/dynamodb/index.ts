// DynamoDB (JSON 1.0, X-Amz-Target DynamoDB_20120810.<Op>): tables (on-demand or provisioned, always ACTIVE at
// once), items with GetItem / PutItem / UpdateItem / DeleteItem and their expressions, tags. No indexes, queries,
// scans, streams or transactions: what the verdict memory of the audit workflow needs, answered as AWS does.
import { randomUUID } from "node:crypto";
import { AwsError } from "../core/aws-error";
import { JsonSnapshot } from "../core/persistence";
import type { CallContext, Operation, ServiceDefinition, ServiceDeps } from "../core/types";
import { Violations } from "../core/validation";
import { checkItem, clone, typeOf, type AttributeValue, type Item } from "./attribute-values";
import {
  applyUpdate,
  checkExpressionNames,
  checkExpressionValues,
  evaluateCondition,
  parseCondition,
  parseProjection,
  parseUpdate,
  Placeholders,
  project,
} from "./expressions";

interface KeyElement {
  AttributeName: string;
  KeyType: "HASH" | "RANGE";
}
interface AttributeDefinition {
  AttributeName: string;
  AttributeType: "S" | "N" | "B";
}
interface Tag {
  Key: string;
  Value: string;
}

interface StoredTable {
  TableName: string;
  TableArn: string;
  TableId: string;
  KeySchema: KeyElement[];
  AttributeDefinitions: AttributeDefinition[];
  BillingMode: "PAY_PER_REQUEST" | "PROVISIONED";
  ReadCapacityUnits: number;
  WriteCapacityUnits: number;
  /** Epoch seconds. */
  CreationDateTime: number;
  DeletionProtectionEnabled: boolean;
  tags: Tag[];
  /** Items by their key (JSON of the key attribute values in key schema order). */
  items: Record<string, Item>;
}

interface Snapshot {
  version: 1;
  tables: StoredTable[];
}

const TABLE_NAME = /[a-zA-Z0-9_.-]+/;
/** AWS's item size limit (400 KB, names and values counted). */
const MAX_ITEM_BYTES = 400 * 1024;

function tableNotFound(name?: string): AwsError {
  return new AwsError(
    "ResourceNotFoundException",
    name === undefined ? "Requested resource not found" : `Requested resource not found: Table: ${name} not found`,
  );
}

function validation(message: string): AwsError {
  return new AwsError("ValidationException", message);
}

/** Creates the DynamoDB service; tables and items persist in deps.stateDir. */
export function createDynamoDbService(deps: ServiceDeps): ServiceDefinition {
  const snapshot = new JsonSnapshot<Snapshot>(deps.stateDir);
  const tables = new Map<string, StoredTable>();
  const saved = snapshot.load();
  if (saved?.version === 1) for (const t of saved.tables) tables.set(t.TableName, t);
  snapshot.track(() => ({ version: 1, tables: [...tables.values()] }));

  function tableName(v: Violations, value: unknown, field = "tableName"): string | undefined {
    return v.string(value, field, { required: true, min: 1, max: 1024 });
  }

  /** The table named by a request (a name or an ARN, as AWS accepts both). */
  function lookup(name: string): StoredTable | undefined {
    const m = /^arn:aws[\w-]*:dynamodb:[^:]*:\d{12}:table\/(.+)$/.exec(name);
    return tables.get(m ? m[1]! : name);
  }

  function describe(t: StoredTable, status = "ACTIVE"): Record<string, unknown> {
    const items = Object.values(t.items);
    return {
      AttributeDefinitions: t.AttributeDefinitions,
      TableName: t.TableName,
      KeySchema: t.KeySchema,
      TableStatus: status,
      CreationDateTime: t.CreationDateTime,
      ProvisionedThroughput: {
        NumberOfDecreasesToday: 0,
        ReadCapacityUnits: t.ReadCapacityUnits,
        WriteCapacityUnits: t.WriteCapacityUnits,
      },
      TableSizeBytes: items.reduce((n, item) => n + itemSize(item), 0),
      ItemCount: items.length,
      TableArn: t.TableArn,
      TableId: t.TableId,
      ...(t.BillingMode === "PAY_PER_REQUEST"
        ? {
            BillingModeSummary: {
              BillingMode: "PAY_PER_REQUEST",
              LastUpdateToPayPerRequestDateTime: t.CreationDateTime,
            },
          }
        : {}),
      DeletionProtectionEnabled: t.DeletionProtectionEnabled,
    };
  }

  /** The storage key of `key` in `t`; throws AWS's errors for a key that does not match the schema. */
  function keyOf(t: StoredTable, key: Item, forItem: boolean): string {
    const parts: AttributeValue[] = [];
    for (const k of t.KeySchema) {
      const value = key[k.AttributeName];
      const def = t.AttributeDefinitions.find((d) => d.AttributeName === k.AttributeName)!;
      if (value === undefined) {
        if (forItem)
          throw validation(`One or more parameter values were invalid: Missing the key ${k.AttributeName} in the item`);
        throw validation("The provided key element does not match the schema");
      }
      const actual = typeOf(value);
      if (actual !== def.AttributeType) {
        if (forItem)
          throw validation(
            `One or more parameter values were invalid: Type mismatch for key ${k.AttributeName} expected: ${def.AttributeType} actual: ${actual}`,
          );
        throw validation("The provided key element does not match the schema");
      }
      if ((actual === "S" || actual === "B") && (value[actual] as string).length === 0)
        throw validation(
          `One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty ${actual === "S" ? "string" : "binary"} value. Key: ${k.AttributeName}`,
        );
      parts.push(actual === "N" ? { N: String(Number(value.N)) } : value);
    }
    if (!forItem && Object.keys(key).length !== t.KeySchema.length)
      throw validation("The provided key element does not match the schema");
    return JSON.stringify(parts);
  }

  function requireTable(v: Violations, input: Record<string, unknown>): StoredTable {
    const name = tableName(v, input.TableName);
    v.throwIfAny();
    const t = lookup(name!);
    if (!t) throw tableNotFound();
    return t;
  }

  /** Reads the expression members shared by the item operations. */
  function placeholdersOf(input: Record<string, unknown>, expressions: string[]): Placeholders {
    const names = checkExpressionNames(input.ExpressionAttributeNames);
    const values = checkExpressionValues(input.ExpressionAttributeValues);
    if (expressions.length === 0) {
      if (names) throw validation("ExpressionAttributeNames can only be specified when using expressions");
      if (values)
        throw validation(
          "ExpressionAttributeValues can only be specified when using expressions: UpdateExpression and ConditionExpression are null",
        );
    }
    if (values && Object.keys(values).length === 0) throw validation("ExpressionAttributeValues must not be empty");
    if (names && Object.keys(names).length === 0) throw validation("ExpressionAttributeNames must not be empty");
    return new Placeholders(names, values);
  }

  function checkCondition(
    input: Record<string, unknown>,
    condition: ReturnType<typeof parseCondition> | undefined,
    current: Item | undefined,
    placeholders: Placeholders,
  ): void {
    if (!condition || evaluateCondition(condition, current ?? {}, placeholders)) return;
    const extra = input.ReturnValuesOnConditionCheckFailure === "ALL_OLD" && current ? { Item: clone(current) } : {};
    throw new AwsError("ConditionalCheckFailedException", "The conditional request failed", 400, extra);
  }

  function expressionMember(v: Violations, value: unknown, field: string): string | undefined {
    const s = v.string(value, field);
    if (s !== undefined && s.trim().length === 0)
      v.add(`Invalid ${field.charAt(0).toUpperCase()}${field.slice(1)}: The expression can not be empty;`);
    return s;
  }

  function returnValues(v: Violations, value: unknown, allowed: string[]): string {
    const s = v.string(value, "returnValues");
    const all = ["NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW"];
    if (s !== undefined && !all.includes(s))
      v.add(
        `Value '${s}' at 'returnValues' failed to satisfy constraint: Member must satisfy enum value set: [${all.join(", ")}]`,
      );
    v.throwIfAny();
    if (s !== undefined && !allowed.includes(s)) throw validation("ReturnValues can only be ALL_OLD or NONE");
    return s ?? "NONE";
  }

  function save(): void {
    snapshot.changed();
  }

  const operations: Record<string, Operation> = {
    CreateTable(input, ctx) {
      const v = new Violations();
      const name = v.string(input.TableName, "tableName", { required: true, min: 3, max: 255, pattern: TABLE_NAME });
      const keySchema = v.list(input.KeySchema, "keySchema", { required: true, min: 1, max: 2 }) as
        KeyElement[] | undefined;
      const defs = v.list(input.AttributeDefinitions, "attributeDefinitions", { required: true }) as
        AttributeDefinition[] | undefined;
      keySchema?.forEach((k, i) => {
        v.string(k?.AttributeName, `keySchema.${i + 1}.member.attributeName`, { required: true, min: 1, max: 255 });
        const type = v.string(k?.KeyType, `keySchema.${i + 1}.member.keyType`, { required: true });
        if (type !== undefined && type !== "HASH" && type !== "RANGE")
          v.add(
            `Value '${type}' at 'keySchema.${i + 1}.member.keyType' failed to satisfy constraint: Member must satisfy enum value set: [HASH, RANGE]`,
          );
      });
      defs?.forEach((d, i) => {
        v.string(d?.AttributeName, `attributeDefinitions.${i + 1}.member.attributeName`, {
          required: true,
          min: 1,
          max: 255,
        });
        const type = v.string(d?.AttributeType, `attributeDefinitions.${i + 1}.member.attributeType`, {
          required: true,
        });
        if (type !== undefined && !["S", "N", "B"].includes(type))
          v.add(
            `Value '${type}' at 'attributeDefinitions.${i + 1}.member.attributeType' failed to satisfy constraint: Member must satisfy enum value set: [B, N, S]`,
          );
      });
      const billing = v.string(input.BillingMode, "billingMode");
      if (billing !== undefined && billing !== "PROVISIONED" && billing !== "PAY_PER_REQUEST")
        v.add(
          `Value '${billing}' at 'billingMode' failed to satisfy constraint: Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]`,
        );
      const tags = (v.list(input.Tags, "tags", { max: 50 }) ?? []) as Tag[];
      tags.forEach((t, i) => {
        v.string(t?.Key, `tags.${i + 1}.member.key`, { required: true, min: 1, max: 128 });
        v.string(t?.Value, `tags.${i + 1}.member.value`, { required: true, max: 256 });
      });
      v.throwIfAny();

      const hash = keySchema!.filter((k) => k.KeyType === "HASH");
      if (hash.length !== 1 || keySchema![0]!.KeyType !== "HASH")
        throw validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
      if (keySchema!.length === 2 && keySchema![1]!.KeyType !== "RANGE")
        throw validation("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
      if (keySchema!.length === 2 && keySchema![0]!.AttributeName === keySchema![1]!.AttributeName)
        throw validation("Both the Hash Key and the Range Key element in the KeySchema have the same name");
      const missing = keySchema!.filter((k) => !defs!.some((d) => d.AttributeName === k.AttributeName));
      if (missing.length > 0)
        throw validation(
          `One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [${missing.map((k) => k.AttributeName).join(", ")}], AttributeDefinitions: [${defs!.map((d) => d.AttributeName).join(", ")}]`,
        );
      if (defs!.length !== keySchema!.length)
        throw validation(
          "One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions",
        );
      const throughput = input.ProvisionedThroughput as Record<string, unknown> | undefined;
      const mode = (billing ?? "PROVISIONED") as StoredTable["BillingMode"];
      if (mode === "PAY_PER_REQUEST" && throughput !== undefined)
        throw validation(
          "One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST",
        );
      if (mode === "PROVISIONED") {
        if (!throughput) throw validation("No provisioned throughput specified for the table");
        const tv = new Violations();
        tv.integer(throughput.ReadCapacityUnits, "provisionedThroughput.readCapacityUnits", { required: true, min: 1 });
        tv.integer(throughput.WriteCapacityUnits, "provisionedThroughput.writeCapacityUnits", {
          required: true,
          min: 1,
        });
        tv.throwIfAny();
      }
      if (tables.has(name!)) throw new AwsError("ResourceInUseException", `Table already exists: ${name}`);
      const table: StoredTable = {
        TableName: name!,
        TableArn: `arn:aws:dynamodb:${ctx.region}:${ctx.accountId}:table/${name}`,
        TableId: randomUUID(),
        KeySchema: keySchema!.map((k) => ({ AttributeName: k.AttributeName, KeyType: k.KeyType })),
        AttributeDefinitions: defs!.map((d) => ({ AttributeName: d.AttributeName, AttributeType: d.AttributeType })),
        BillingMode: mode,
        ReadCapacityUnits: mode === "PROVISIONED" ? Number(throughput!.ReadCapacityUnits) : 0,
        WriteCapacityUnits: mode === "PROVISIONED" ? Number(throughput!.WriteCapacityUnits) : 0,
        CreationDateTime: Date.now() / 1000,
        DeletionProtectionEnabled: input.DeletionProtectionEnabled === true,
        tags: tags.map((t) => ({ Key: t.Key, Value: t.Value })),
        items: {},
      };
      tables.set(table.TableName, table);
      save();
      // AWS answers CREATING; this emulator's table is usable at once, so DescribeTable already says ACTIVE.
      return { TableDescription: describe(table, "CREATING") };
    },

    DescribeTable(input) {
      const v = new Violations();
      const name = tableName(v, input.TableName);
      v.throwIfAny();
      const t = lookup(name!);
      if (!t) throw tableNotFound(name);
      return { Table: describe(t) };
    },

    UpdateTable(input) {
      const v = new Violations();
      const name = tableName(v, input.TableName);
      const billing = v.string(input.BillingMode, "billingMode");
      if (billing !== undefined && billing !== "PROVISIONED" && billing !== "PAY_PER_REQUEST")
        v.add(
          `Value '${billing}' at 'billingMode' failed to satisfy constraint: Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]`,
        );
      v.throwIfAny();
      const t = lookup(name!);
      if (!t) throw tableNotFound(name);
      const throughput = input.ProvisionedThroughput as Record<string, unknown> | undefined;
      const protection = input.DeletionProtectionEnabled;
      if (billing === undefined && throughput === undefined && protection === undefined)
        throw validation(
          "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required",
        );
      const mode = (billing ?? t.BillingMode) as StoredTable["BillingMode"];
      if (mode === "PAY_PER_REQUEST" && throughput !== undefined)
        throw validation(
          "One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST",
        );
      if (mode === "PROVISIONED" && t.BillingMode === "PAY_PER_REQUEST" && throughput === undefined)
        throw validation(
          "One or more parameter values were invalid: ProvisionedThroughput must be specified when BillingMode is PROVISIONED",
        );
      if (throughput !== undefined) {
        const tv = new Violations();
        tv.integer(throughput.ReadCapacityUnits, "provisionedThroughput.readCapacityUnits", { required: true, min: 1 });
        tv.integer(throughput.WriteCapacityUnits, "provisionedThroughput.writeCapacityUnits", {
          required: true,
          min: 1,
        });
        tv.throwIfAny();
        t.ReadCapacityUnits = Number(throughput.ReadCapacityUnits);
        t.WriteCapacityUnits = Number(throughput.WriteCapacityUnits);
      }
      if (mode === "PAY_PER_REQUEST") t.ReadCapacityUnits = t.WriteCapacityUnits = 0;
      t.BillingMode = mode;
      if (typeof protection === "boolean") t.DeletionProtectionEnabled = protection;
      save();
      // AWS answers UPDATING; the change is complete at once here.
      return { TableDescription: describe(t, "UPDATING") };
    },

    DeleteTable(input) {
      const v = new Violations();
      const name = tableName(v, input.TableName);
      v.throwIfAny();
      const t = lookup(name!);
      if (!t) throw tableNotFound(name);
      if (t.DeletionProtectionEnabled)
        throw validation(
          `Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.`,
        );
      tables.delete(t.TableName);
      save();
      return { TableDescription: describe(t, "DELETING") };
    },

    ListTables(input) {
      const v = new Violations();
      const start = v.string(input.ExclusiveStartTableName, "exclusiveStartTableName", {
        min: 3,
        max: 255,
        pattern: TABLE_NAME,
      });
      const limit = v.integer(input.Limit, "limit", { min: 1, max: 100 }) ?? 100;
      v.throwIfAny();
      const names = [...tables.keys()].sort().filter((n) => start === undefined || n > start);
      const page = names.slice(0, limit);
      return {
        TableNames: page,
        ...(names.length > limit ? { LastEvaluatedTableName: page[page.length - 1] } : {}),
      };
    },

    GetItem(input) {
      const v = new Violations();
      const t = requireTable(v, input);
      const key = checkItem(input.Key, "key");
      const projection = expressionMember(v, input.ProjectionExpression, "projectionExpression");
      v.throwIfAny();
      const placeholders = placeholdersOf(input, projection !== undefined ? [projection] : []);
      if (input.ExpressionAttributeValues !== undefined)
        throw validation(
          "ExpressionAttributeValues can only be specified when using expressions: ConditionExpression is null",
        );
      const paths = projection !== undefined ? parseProjection(projection, placeholders) : undefined;
      placeholders.assertAllUsed();
      const item = t.items[keyOf(t, key, false)];
      if (!item) return {};
      return { Item: paths ? project(item, paths) : clone(item) };
    },

    PutItem(input) {
      const v = new Violations();
      const t = requireTable(v, input);
      const condition = expressionMember(v, input.ConditionExpression, "conditionExpression");
      const rv = returnValues(v, input.ReturnValues, ["NONE", "ALL_OLD"]);
      const item = checkItem(input.Item, "item");
      const k = keyOf(t, item, true);
      if (itemSize(item) > MAX_ITEM_BYTES) throw validation("Item size has exceeded the maximum allowed size");
      const placeholders = placeholdersOf(input, condition !== undefined ? [condition] : []);
      const parsed = condition !== undefined ? parseCondition(condition, placeholders) : undefined;
      placeholders.assertAllUsed();
      const old = t.items[k];
      checkCondition(input, parsed, old, placeholders);
      t.items[k] = item;
      save();
      return rv === "ALL_OLD" && old ? { Attributes: clone(old) } : {};
    },

    UpdateItem(input) {
      const v = new Violations();
      const t = requireTable(v, input);
      const update = expressionMember(v, input.UpdateExpression, "updateExpression");
      const condition = expressionMember(v, input.ConditionExpression, "conditionExpression");
      const rv = returnValues(v, input.ReturnValues, ["NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW"]);
      if (input.AttributeUpdates !== undefined || input.Expected !== undefined)
        throw validation(
          "This emulator supports UpdateExpression / ConditionExpression, not the legacy AttributeUpdates / Expected parameters",
        );
      const key = checkItem(input.Key, "key");
      const k = keyOf(t, key, false);
      const expressions = [update, condition].filter((e): e is string => e !== undefined);
      const placeholders = placeholdersOf(input, expressions);
      const actions = update !== undefined ? parseUpdate(update, placeholders) : undefined;
      const parsed = condition !== undefined ? parseCondition(condition, placeholders) : undefined;
      placeholders.assertAllUsed();
      if (actions) {
        const keyNames = new Set(t.KeySchema.map((e) => e.AttributeName));
        for (const path of [
          ...actions.set.map((a) => a.path),
          ...actions.remove,
          ...actions.add.map((a) => a.path),
          ...actions.delete.map((a) => a.path),
        ]) {
          const top = (path[0] as { name: string }).name;
          if (keyNames.has(top))
            throw validation(
              `One or more parameter values were invalid: Cannot update attribute ${top}. This attribute is part of the key`,
            );
        }
      }
      const old = t.items[k];
      checkCondition(input, parsed, old, placeholders);
      const base: Item = old ? clone(old) : clone(key);
      const { item: next, touched } = actions
        ? applyUpdate(actions, base, placeholders)
        : { item: base, touched: new Set<string>() };
      if (itemSize(next) > MAX_ITEM_BYTES)
        throw validation("Item size to update has exceeded the maximum allowed size");
      t.items[k] = next;
      save();
      const pick = (item: Item | undefined, names: Set<string>): Item | undefined => {
        if (!item) return undefined;
        const out: Item = {};
        for (const n of names) if (item[n] !== undefined) out[n] = clone(item[n]!);
        return Object.keys(out).length > 0 ? out : undefined;
      };
      let attributes: Item | undefined;
      if (rv === "ALL_OLD") attributes = old ? clone(old) : undefined;
      else if (rv === "ALL_NEW") attributes = clone(next);
      else if (rv === "UPDATED_OLD") attributes = pick(old, touched);
      else if (rv === "UPDATED_NEW") attributes = pick(next, touched);
      return attributes ? { Attributes: attributes } : {};
    },

    DeleteItem(input) {
      const v = new Violations();
      const t = requireTable(v, input);
      const condition = expressionMember(v, input.ConditionExpression, "conditionExpression");
      const rv = returnValues(v, input.ReturnValues, ["NONE", "ALL_OLD"]);
      const key = checkItem(input.Key, "key");
      const k = keyOf(t, key, false);
      const placeholders = placeholdersOf(input, condition !== undefined ? [condition] : []);
      const parsed = condition !== undefined ? parseCondition(condition, placeholders) : undefined;
      placeholders.assertAllUsed();
      const old = t.items[k];
      checkCondition(input, parsed, old, placeholders);
      if (old) {
        delete t.items[k];
        save();
      }
      return rv === "ALL_OLD" && old ? { Attributes: clone(old) } : {};
    },

    TagResource(input) {
      const v = new Violations();
      const arn = v.string(input.ResourceArn, "resourceArn", { required: true, min: 1, max: 1283 });
      const tags = (v.list(input.Tags, "tags", { required: true }) ?? []) as Tag[];
      tags.forEach((t, i) => {
        v.string(t?.Key, `tags.${i + 1}.member.key`, { required: true, min: 1, max: 128 });
        v.string(t?.Value, `tags.${i + 1}.member.value`, { required: true, max: 256 });
      });
      v.throwIfAny();
      const t = byArn(arn!);
      for (const tag of tags) {
        const existing = t.tags.find((x) => x.Key === tag.Key);
        if (existing) existing.Value = tag.Value;
        else t.tags.push({ Key: tag.Key, Value: tag.Value });
      }
      if (t.tags.length > 50)
        throw new AwsError("LimitExceededException", "Too many tags: a resource can have at most 50");
      save();
      return {};
    },

    UntagResource(input) {
      const v = new Violations();
      const arn = v.string(input.ResourceArn, "resourceArn", { required: true, min: 1, max: 1283 });
      const keys = (v.list(input.TagKeys, "tagKeys", { required: true }) ?? []) as string[];
      v.throwIfAny();
      const t = byArn(arn!);
      t.tags = t.tags.filter((x) => !keys.includes(x.Key));
      save();
      return {};
    },

    ListTagsOfResource(input) {
      const v = new Violations();
      const arn = v.string(input.ResourceArn, "resourceArn", { required: true, min: 1, max: 1283 });
      v.throwIfAny();
      return { Tags: byArn(arn!).tags.map((t) => ({ ...t })) };
    },
  };

  function byArn(arn: string): StoredTable {
    const t = [...tables.values()].find((x) => x.TableArn === arn);
    if (!t) {
      if (!/^arn:aws[\w-]*:dynamodb:/.test(arn))
        throw validation(`Invalid TableArn: Invalid ResourceArn provided as input ${arn}`);
      // AWS's message, its spelling included.
      throw new AwsError("ResourceNotFoundException", `Requested resource not found: ResourcArn: ${arn} not found`);
    }
    return t;
  }

  return {
    name: "dynamodb",
    targetPrefix: "DynamoDB_20120810",
    jsonVersion: "1.0",
    operations,
    async stop() {
      await snapshot.flush();
    },
    async reset() {
      tables.clear();
      snapshot.clear();
    },
    health() {
      return {
        tables: tables.size,
        items: [...tables.values()].reduce((n, t) => n + Object.keys(t.items).length, 0),
      };
    },
  };
}

/** DynamoDB's item size: attribute names plus values, as UTF-8 bytes (numbers approximated by their text). */
function itemSize(item: Item): number {
  return Buffer.byteLength(JSON.stringify(item), "utf8");
}

export type { CallContext };
