// DynamoDB through the real SDK client over HTTP: tables, items, expressions, AWS's errors, and the Step Functions
// optimized integrations (JSONPath Parameters and JSONata Arguments) that keep a check's last verdict.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ConditionalCheckFailedException,
  CreateTableCommand,
  DeleteItemCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  GetItemCommand,
  ListTablesCommand,
  ListTagsOfResourceCommand,
  PutItemCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  TagResourceCommand,
  UpdateItemCommand,
  UpdateTableCommand,
  type DynamoDBClient,
} from "@aws-sdk/client-dynamodb";
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  type SFNClient,
  StartExecutionCommand,
} from "@aws-sdk/client-sfn";
import { emulatorAdmin, sdkClients, startTestEmulator, waitFor, type TestEmulator } from "./helpers";

let emulator: TestEmulator;
let ddb: DynamoDBClient;
let sfn: SFNClient;

beforeAll(async () => {
  emulator = await startTestEmulator();
  ({ dynamodb: ddb, sfn } = sdkClients(emulator.url));
});
afterAll(async () => {
  await emulator?.close();
});

async function createVerdictTable(name: string): Promise<void> {
  await ddb.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: "PAY_PER_REQUEST",
      KeySchema: [{ AttributeName: "checkId", KeyType: "HASH" }],
      AttributeDefinitions: [{ AttributeName: "checkId", AttributeType: "S" }],
      Tags: [{ Key: "managed-by", Value: "audit-console" }],
    }),
  );
}

async function rejection(
  p: Promise<unknown>,
): Promise<Error & { name: string; $metadata?: { httpStatusCode?: number } }> {
  try {
    await p;
  } catch (err) {
    return err as Error & { name: string };
  }
  throw new Error("expected the call to fail");
}

describe("tables", () => {
  it("creates an on-demand table, describes it ACTIVE, lists, tags and deletes it", async () => {
    const created = await ddb.send(
      new CreateTableCommand({
        TableName: "verdicts-a",
        BillingMode: "PAY_PER_REQUEST",
        KeySchema: [{ AttributeName: "checkId", KeyType: "HASH" }],
        AttributeDefinitions: [{ AttributeName: "checkId", AttributeType: "S" }],
        Tags: [{ Key: "managed-by", Value: "audit-console" }],
      }),
    );
    expect(created.TableDescription).toMatchObject({
      TableName: "verdicts-a",
      TableStatus: "CREATING",
      TableArn: "arn:aws:dynamodb:us-east-1:000000000000:table/verdicts-a",
      BillingModeSummary: { BillingMode: "PAY_PER_REQUEST" },
    });
    const described = await ddb.send(new DescribeTableCommand({ TableName: "verdicts-a" }));
    expect(described.Table).toMatchObject({
      TableStatus: "ACTIVE",
      KeySchema: [{ AttributeName: "checkId", KeyType: "HASH" }],
      AttributeDefinitions: [{ AttributeName: "checkId", AttributeType: "S" }],
      BillingModeSummary: { BillingMode: "PAY_PER_REQUEST" },
      ItemCount: 0,
    });
    expect(described.Table?.CreationDateTime).toBeInstanceOf(Date);
    const arn = described.Table!.TableArn!;
    expect((await ddb.send(new ListTablesCommand({}))).TableNames).toContain("verdicts-a");
    expect((await ddb.send(new ListTagsOfResourceCommand({ ResourceArn: arn }))).Tags).toEqual([
      { Key: "managed-by", Value: "audit-console" },
    ]);
    await ddb.send(new TagResourceCommand({ ResourceArn: arn, Tags: [{ Key: "team", Value: "audit" }] }));
    expect((await ddb.send(new ListTagsOfResourceCommand({ ResourceArn: arn }))).Tags).toHaveLength(2);

    const again = await rejection(
      ddb.send(
        new CreateTableCommand({
          TableName: "verdicts-a",
          BillingMode: "PAY_PER_REQUEST",
          KeySchema: [{ AttributeName: "checkId", KeyType: "HASH" }],
          AttributeDefinitions: [{ AttributeName: "checkId", AttributeType: "S" }],
        }),
      ),
    );
    expect(again).toBeInstanceOf(ResourceInUseException);
    expect(again.message).toBe("Table already exists: verdicts-a");

    const updated = await ddb.send(
      new UpdateTableCommand({
        TableName: "verdicts-a",
        BillingMode: "PROVISIONED",
        ProvisionedThroughput: { ReadCapacityUnits: 2, WriteCapacityUnits: 3 },
      }),
    );
    expect(updated.TableDescription).toMatchObject({
      TableStatus: "UPDATING",
      ProvisionedThroughput: { ReadCapacityUnits: 2, WriteCapacityUnits: 3 },
    });
    expect(updated.TableDescription?.BillingModeSummary).toBeUndefined();
    await ddb.send(new UpdateTableCommand({ TableName: "verdicts-a", BillingMode: "PAY_PER_REQUEST" }));
    expect((await ddb.send(new DescribeTableCommand({ TableName: "verdicts-a" }))).Table).toMatchObject({
      TableStatus: "ACTIVE",
      BillingModeSummary: { BillingMode: "PAY_PER_REQUEST" },
    });

    const deleted = await ddb.send(new DeleteTableCommand({ TableName: "verdicts-a" }));
    expect(deleted.TableDescription?.TableStatus).toBe("DELETING");
    const gone = await rejection(ddb.send(new DescribeTableCommand({ TableName: "verdicts-a" })));
    expect(gone).toBeInstanceOf(ResourceNotFoundException);
    expect(gone.message).toBe("Requested resource not found: Table: verdicts-a not found");
  });

  it("refuses what AWS refuses", async () => {
    const provisionedWithout = await rejection(
      ddb.send(
        new CreateTableCommand({
          TableName: "bad",
          BillingMode: "PAY_PER_REQUEST",
          KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
          AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
          ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 },
        }),
      ),
    );
    expect(provisionedWithout.name).toBe("ValidationException");
    expect(provisionedWithout.message).toContain("Neither ReadCapacityUnits nor WriteCapacityUnits");
    const undefinedKey = await rejection(
      ddb.send(
        new CreateTableCommand({
          TableName: "bad",
          BillingMode: "PAY_PER_REQUEST",
          KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
          AttributeDefinitions: [{ AttributeName: "other", AttributeType: "S" }],
        }),
      ),
    );
    expect(undefinedKey.message).toBe(
      "One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [id], AttributeDefinitions: [other]",
    );
    const shortName = await rejection(
      ddb.send(
        new CreateTableCommand({
          TableName: "ab",
          BillingMode: "PAY_PER_REQUEST",
          KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
          AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
        }),
      ),
    );
    expect(shortName.message).toBe(
      "1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3",
    );
  });
});

describe("items", () => {
  beforeAll(() => createVerdictTable("verdicts-items"));
  const TableName = "verdicts-items";

  it("puts, gets and projects an item; an absent item answers no Item", async () => {
    await ddb.send(
      new PutItemCommand({
        TableName,
        Item: { checkId: { S: "c1" }, verdict: { S: "PASS" }, runs: { N: "1" }, meta: { M: { by: { S: "x" } } } },
      }),
    );
    const got = await ddb.send(new GetItemCommand({ TableName, Key: { checkId: { S: "c1" } } }));
    expect(got.Item).toEqual({
      checkId: { S: "c1" },
      verdict: { S: "PASS" },
      runs: { N: "1" },
      meta: { M: { by: { S: "x" } } },
    });
    const projected = await ddb.send(
      new GetItemCommand({
        TableName,
        Key: { checkId: { S: "c1" } },
        ProjectionExpression: "verdict, #m.#b",
        ExpressionAttributeNames: { "#m": "meta", "#b": "by" },
      }),
    );
    expect(projected.Item).toEqual({ verdict: { S: "PASS" }, meta: { M: { by: { S: "x" } } } });
    const none = await ddb.send(new GetItemCommand({ TableName, Key: { checkId: { S: "nope" } } }));
    expect(none.Item).toBeUndefined();
  });

  it("keeps the last verdict atomically: UpdateItem SET with ReturnValues UPDATED_OLD", async () => {
    const update = (verdict: string) =>
      ddb.send(
        new UpdateItemCommand({
          TableName,
          Key: { checkId: { S: "c2" } },
          UpdateExpression: "SET #v = :v, #n = if_not_exists(#n, :zero) + :one",
          ExpressionAttributeNames: { "#v": "verdict", "#n": "runs" },
          ExpressionAttributeValues: { ":v": { S: verdict }, ":zero": { N: "0" }, ":one": { N: "1" } },
          ReturnValues: "UPDATED_OLD",
        }),
      );
    expect((await update("FAIL")).Attributes).toBeUndefined();
    expect((await update("PASS")).Attributes).toEqual({ verdict: { S: "FAIL" }, runs: { N: "1" } });
    const allNew = await ddb.send(
      new UpdateItemCommand({
        TableName,
        Key: { checkId: { S: "c2" } },
        UpdateExpression: "REMOVE runs",
        ReturnValues: "ALL_NEW",
      }),
    );
    expect(allNew.Attributes).toEqual({ checkId: { S: "c2" }, verdict: { S: "PASS" } });
    const updatedNew = await ddb.send(
      new UpdateItemCommand({
        TableName,
        Key: { checkId: { S: "c2" } },
        UpdateExpression: "ADD runs :n",
        ExpressionAttributeValues: { ":n": { N: "5" } },
        ReturnValues: "UPDATED_NEW",
      }),
    );
    expect(updatedNew.Attributes).toEqual({ runs: { N: "5" } });
  });

  it("answers ConditionalCheckFailedException when a condition is false", async () => {
    await ddb.send(new PutItemCommand({ TableName, Item: { checkId: { S: "c3" }, verdict: { S: "FAIL" } } }));
    const put = await rejection(
      ddb.send(
        new PutItemCommand({
          TableName,
          Item: { checkId: { S: "c3" }, verdict: { S: "PASS" } },
          ConditionExpression: "attribute_not_exists(checkId)",
        }),
      ),
    );
    expect(put).toBeInstanceOf(ConditionalCheckFailedException);
    expect(put.message).toBe("The conditional request failed");
    expect(put.$metadata?.httpStatusCode).toBe(400);

    const upd = await rejection(
      ddb.send(
        new UpdateItemCommand({
          TableName,
          Key: { checkId: { S: "c3" } },
          UpdateExpression: "SET verdict = :v",
          ConditionExpression: "verdict <> :old AND attribute_exists(checkId)",
          ExpressionAttributeValues: { ":v": { S: "ERROR" }, ":old": { S: "FAIL" } },
          ReturnValuesOnConditionCheckFailure: "ALL_OLD",
        }),
      ),
    );
    expect(upd).toBeInstanceOf(ConditionalCheckFailedException);
    expect((upd as ConditionalCheckFailedException).Item).toEqual({ checkId: { S: "c3" }, verdict: { S: "FAIL" } });

    await ddb.send(
      new UpdateItemCommand({
        TableName,
        Key: { checkId: { S: "c3" } },
        UpdateExpression: "SET verdict = :v",
        ConditionExpression: "verdict = :old",
        ExpressionAttributeValues: { ":v": { S: "ERROR" }, ":old": { S: "FAIL" } },
      }),
    );
    const del = await ddb.send(
      new DeleteItemCommand({ TableName, Key: { checkId: { S: "c3" } }, ReturnValues: "ALL_OLD" }),
    );
    expect(del.Attributes).toEqual({ checkId: { S: "c3" }, verdict: { S: "ERROR" } });
  });

  it("answers AWS's validation errors", async () => {
    const cases: Array<[Promise<unknown>, string, string]> = [
      [
        ddb.send(new GetItemCommand({ TableName: "no-such-table", Key: { checkId: { S: "x" } } })),
        "ResourceNotFoundException",
        "Requested resource not found",
      ],
      [
        ddb.send(new PutItemCommand({ TableName, Item: { other: { S: "x" } } })),
        "ValidationException",
        "One or more parameter values were invalid: Missing the key checkId in the item",
      ],
      [
        ddb.send(new PutItemCommand({ TableName, Item: { checkId: { N: "1" } } })),
        "ValidationException",
        "One or more parameter values were invalid: Type mismatch for key checkId expected: S actual: N",
      ],
      [
        ddb.send(new GetItemCommand({ TableName, Key: { wrong: { S: "x" } } })),
        "ValidationException",
        "The provided key element does not match the schema",
      ],
      [
        ddb.send(
          new UpdateItemCommand({
            TableName,
            Key: { checkId: { S: "x" } },
            UpdateExpression: "SET #v = :v",
            ExpressionAttributeValues: { ":v": { S: "PASS" } },
          }),
        ),
        "ValidationException",
        "Invalid UpdateExpression: An expression attribute name used in the document path is not defined; attribute name: #v",
      ],
      [
        ddb.send(
          new UpdateItemCommand({
            TableName,
            Key: { checkId: { S: "x" } },
            UpdateExpression: "SET verdict = :v",
            ExpressionAttributeValues: { ":v": { S: "PASS" }, ":unused": { S: "x" } },
          }),
        ),
        "ValidationException",
        "Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}",
      ],
      [
        ddb.send(
          new UpdateItemCommand({
            TableName,
            Key: { checkId: { S: "x" } },
            UpdateExpression: "SET status = :v",
            ExpressionAttributeValues: { ":v": { S: "PASS" } },
          }),
        ),
        "ValidationException",
        "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: status",
      ],
      [
        ddb.send(
          new UpdateItemCommand({
            TableName,
            Key: { checkId: { S: "x" } },
            UpdateExpression: "SET checkId = :v",
            ExpressionAttributeValues: { ":v": { S: "y" } },
          }),
        ),
        "ValidationException",
        "One or more parameter values were invalid: Cannot update attribute checkId. This attribute is part of the key",
      ],
      [
        ddb.send(
          new UpdateItemCommand({
            TableName,
            Key: { checkId: { S: "x" } },
            UpdateExpression: "SET verdict = :v",
            ExpressionAttributeValues: { ":v": { S: "y" } },
            ReturnValues: "EVERYTHING" as never,
          }),
        ),
        "ValidationException",
        "1 validation error detected: Value 'EVERYTHING' at 'returnValues' failed to satisfy constraint: Member must satisfy enum value set: [NONE, ALL_OLD, UPDATED_OLD, ALL_NEW, UPDATED_NEW]",
      ],
    ];
    for (const [call, name, message] of cases) {
      const err = await rejection(call);
      expect({ name: err.name, message: err.message }).toEqual({ name, message });
    }
  });
});

describe("Step Functions optimized integrations", () => {
  beforeAll(() => createVerdictTable("verdicts-sfn"));

  async function run(definition: object, input: object): Promise<DescribeExecutionCommandOutput> {
    const name = `m-${Math.random().toString(36).slice(2, 10)}`;
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({
        name,
        definition: JSON.stringify(definition),
        roleArn: "arn:aws:iam::000000000000:role/StatesRole",
      }),
    );
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(input) }),
    );
    return waitFor(async () => {
      const d = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      return d.status === "RUNNING" ? undefined : d;
    }, 20_000);
  }

  it("JSONPath: updateItem with UPDATED_OLD gives the previous verdict; getItem reads it", async () => {
    const definition = {
      StartAt: "Remember",
      States: {
        Remember: {
          Type: "Task",
          Resource: "arn:aws:states:::dynamodb:updateItem",
          Parameters: {
            TableName: "verdicts-sfn",
            Key: { checkId: { "S.$": "$.checkId" } },
            UpdateExpression: "SET #v = :v",
            ExpressionAttributeNames: { "#v": "verdict" },
            ExpressionAttributeValues: { ":v": { "S.$": "$.verdict" } },
            ReturnValues: "UPDATED_OLD",
          },
          ResultSelector: { "previous.$": "$.Attributes.verdict.S", "status.$": "$.SdkHttpMetadata.HttpStatusCode" },
          ResultPath: "$.memory",
          Next: "Read",
        },
        Read: {
          Type: "Task",
          Resource: "arn:aws:states:::dynamodb:getItem",
          Parameters: { TableName: "verdicts-sfn", Key: { checkId: { "S.$": "$.checkId" } } },
          ResultSelector: { "now.$": "$.Item.verdict.S" },
          ResultPath: "$.read",
          End: true,
        },
      },
    };
    const first = await run(
      {
        ...definition,
        States: {
          ...definition.States,
          Remember: {
            ...definition.States.Remember,
            ResultSelector: { "status.$": "$.SdkHttpMetadata.HttpStatusCode" },
          },
        },
      },
      { checkId: "admin-logins", verdict: "PASS" },
    );
    expect(first.status).toBe("SUCCEEDED");
    const second = await run(definition, { checkId: "admin-logins", verdict: "FAIL" });
    expect(second.status).toBe("SUCCEEDED");
    expect(JSON.parse(second.output!)).toMatchObject({
      memory: { previous: "PASS", status: 200 },
      read: { now: "FAIL" },
    });
  });

  it("JSONata: Arguments build the call; a failed condition is DynamoDB.ConditionalCheckFailedException", async () => {
    const out = await run(
      {
        QueryLanguage: "JSONata",
        StartAt: "Put",
        States: {
          Put: {
            Type: "Task",
            Resource: "arn:aws:states:::dynamodb:putItem",
            Arguments: {
              TableName: "verdicts-sfn",
              Item: { checkId: { S: "{% $states.input.checkId %}" }, verdict: { S: "{% $states.input.verdict %}" } },
              ConditionExpression: "attribute_not_exists(checkId)",
            },
            Catch: [
              {
                ErrorEquals: ["DynamoDB.ConditionalCheckFailedException"],
                Next: "Exists",
                Output: "{% $states.errorOutput %}",
              },
            ],
            End: true,
          },
          Exists: { Type: "Pass", End: true },
        },
      },
      { checkId: "admin-logins", verdict: "ERROR" },
    );
    expect(out.status).toBe("SUCCEEDED");
    const caught = JSON.parse(out.output!);
    expect(caught.Error).toBe("DynamoDB.ConditionalCheckFailedException");
    expect(caught.Cause).toContain(
      "The conditional request failed (Service: AmazonDynamoDBv2; Status Code: 400; Error Code: ConditionalCheckFailedException",
    );
  });

  it("names a validation error DynamoDB.AmazonDynamoDBException and a missing table DynamoDB.ResourceNotFoundException", async () => {
    const bad = await run(
      {
        StartAt: "Get",
        States: {
          Get: {
            Type: "Task",
            Resource: "arn:aws:states:::dynamodb:getItem",
            Parameters: { TableName: "verdicts-sfn", Key: { wrong: { S: "x" } } },
            End: true,
          },
        },
      },
      {},
    );
    expect(bad).toMatchObject({ status: "FAILED", error: "DynamoDB.AmazonDynamoDBException" });
    expect(bad.cause).toContain("The provided key element does not match the schema");
    const missing = await run(
      {
        StartAt: "Get",
        States: {
          Get: {
            Type: "Task",
            Resource: "arn:aws:states:::dynamodb:getItem",
            Parameters: { TableName: "nope-table", Key: { checkId: { S: "x" } } },
            End: true,
          },
        },
      },
      {},
    );
    expect(missing).toMatchObject({ status: "FAILED", error: "DynamoDB.ResourceNotFoundException" });
  });
});

describe("persistence", () => {
  it("keeps tables and items across a restart", async () => {
    const first = await startTestEmulator({ keepDataDir: true });
    const c1 = sdkClients(first.url).dynamodb;
    await c1.send(
      new CreateTableCommand({
        TableName: "kept",
        BillingMode: "PAY_PER_REQUEST",
        KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
        AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
      }),
    );
    await c1.send(new PutItemCommand({ TableName: "kept", Item: { id: { S: "a" }, v: { N: "42" } } }));
    await first.close();
    const second = await startTestEmulator({ dataDir: first.dataDir });
    try {
      const c2 = sdkClients(second.url).dynamodb;
      const got = await c2.send(new GetItemCommand({ TableName: "kept", Key: { id: { S: "a" } } }));
      expect(got.Item).toEqual({ id: { S: "a" }, v: { N: "42" } });
      expect((await emulatorAdmin(second.url, "GET", "/_emulator/health")).services.dynamodb).toMatchObject({
        tables: 1,
        items: 1,
      });
    } finally {
      await second.close();
    }
  });
});
