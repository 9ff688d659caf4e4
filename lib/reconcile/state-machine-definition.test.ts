// The generated definition: valid ASL (asl-validator), and the right verdict for every expectation kind when run by
// aws-local-stepfunctions with the three service calls replaced by in-memory handlers (no I/O).
import { describe, expect, it } from "vitest";
import aslValidator from "asl-validator";
import { StateMachine } from "aws-local-stepfunctions";
import jsonata from "jsonata";
import {
  buildStateMachineDefinition,
  QUOTE_STRING_LITERAL,
  stateMachineDefinitionText,
} from "./state-machine-definition";
import { executionOutputSchema, type ExecutionInput, type ExecutionOutput } from "@/lib/checks/execution-contract";
import type { Expectation } from "@/lib/checks/types";
import { testConfig } from "./test-fixtures";
import { completedEventDetailSchema } from "@/lib/notifications/completed-event";
import { DETAIL_EXPRESSION_KEYS } from "@/lib/notifications/message-expression";

// aws-local-stepfunctions calls Promise.withResolvers (Node 22+) in every Task state.
const P = Promise as unknown as { withResolvers?: () => unknown };
P.withResolvers ??= () => {
  let resolve!: (v: unknown) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
};

type Rows = Array<Array<string | null>>;
interface Scenario {
  expectation: Expectation;
  rows?: Rows;
  statementType?: string;
  queryFails?: { error: string; cause: string };
  parameterSources?: ExecutionInput["query"]["parameterSources"];
  parameters?: string[];
  throttleFirstStart?: boolean;
  /** The check's verdict already in the verdict table (absent: none). */
  stored?: string;
  /** UpdateItem fails with this error. */
  memoryFails?: string;
  /** Header names (default `_col0`, one per cell of the first row). */
  columns?: string[];
  /** The check's name in the input (absent: an input written before names). */
  name?: string;
  /** Building the messages fails (an expression error). */
  messageFails?: boolean;
}

function athenaRows(rows: Rows, header: boolean, columns?: string[]) {
  const data = rows.map((r) => ({ Data: r.map((v) => (v === null ? {} : { VarCharValue: v })) }));
  const names = columns ?? (rows[0] ?? [null]).map((_, i) => `_col${i}`);
  return header ? [{ Data: names.map((n) => ({ VarCharValue: n })) }, ...data] : data;
}

class TaskError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

type Json = Record<string, unknown>;

/**
 * aws-local-stepfunctions ignores JSONata. Each JSONata Pass state becomes a Task whose local handler evaluates the
 * state's Output with the jsonata package and `$states.input` bound, as Step Functions does (the emulator's own run
 * of the definition is in state-machine.int.test.ts).
 */
function jsonataPassAsTasks(definition: Json): { definition: Json; handlers: Record<string, never> } {
  const copy = structuredClone(definition);
  const handlers: Record<string, unknown> = {};
  const visit = (scope: Json) => {
    const states = scope.States as Record<string, Json>;
    for (const [name, state] of Object.entries(states)) {
      if (state.QueryLanguage === "JSONata" && state.Type === "Pass") {
        const expression = String(state.Output).replace(/^\{%([\s\S]*)%\}$/, "$1");
        handlers[name] = (input: unknown) => {
          const compiled = jsonata(expression);
          // Step Functions adds $parse to JSONata.
          compiled.registerFunction("parse", (text: string) => JSON.parse(text) as unknown, "<s:x>");
          return compiled.evaluate(null, { states: { input } });
        };
        states[name] = {
          Type: "Task",
          Resource: "arn:aws:lambda:us-east-1:000000000000:function:jsonata",
          ...(state.End === true ? { End: true } : { Next: state.Next }),
        };
      }
      for (const branch of (state.Branches as Json[] | undefined) ?? []) visit(branch);
      if (state.ItemProcessor) visit(state.ItemProcessor as Json);
    }
  };
  visit(copy);
  return { definition: copy, handlers: handlers as Record<string, never> };
}

const failMessages = (() => {
  throw new TaskError("States.QueryEvaluationError", "The JSONata expression failed");
}) as never;

async function run(s: Scenario) {
  const calls: {
    start: Record<string, unknown>[];
    results: Record<string, unknown>[];
    events: Record<string, unknown>[];
    updates: Record<string, unknown>[];
  } = {
    start: [],
    results: [],
    events: [],
    updates: [],
  };
  const input: ExecutionInput = {
    check: { id: "c-1", slug: "admin-logins", generation: 3, ...(s.name !== undefined ? { name: s.name } : {}) },
    trigger: { kind: "event" },
    query: {
      sql: "SELECT count(*) FROM auditlogs.aurora_audit_log WHERE username = ?",
      catalog: "AwsDataCatalog",
      database: "auditlogs",
      workgroup: "primary",
      outputLocation: "s3://results/",
      parameters: s.parameters ?? [],
      ...(s.parameterSources ? { parameterSources: s.parameterSources } : {}),
    },
    expectation: s.expectation,
    event: { source: "aws.ecs" },
  };
  let throttled = false;
  const start = (p: Record<string, unknown>) => {
    calls.start.push(p);
    if (s.throttleFirstStart && !throttled) {
      throttled = true;
      throw new TaskError("Athena.TooManyRequestsException", "Rate exceeded");
    }
    if (s.queryFails) throw new TaskError(s.queryFails.error, s.queryFails.cause);
    return {
      QueryExecution: {
        QueryExecutionId: "q-123",
        StatementType: s.statementType ?? "DML",
        Status: { State: "SUCCEEDED" },
        Statistics: { DataScannedInBytes: 42, EngineExecutionTimeInMillis: 7 },
      },
    };
  };
  const { definition, handlers } = jsonataPassAsTasks(buildStateMachineDefinition(testConfig));
  const machine = new StateMachine(
    definition as never,
    { validationOptions: { checkArn: true, checkPaths: true } } as never,
  );
  const execution = machine.run(input as never, {
    overrides: {
      taskResourceLocalHandlers: {
        ...handlers,
        ...(s.messageFails ? { FormatMessages: failMessages } : ({} as Record<string, never>)),
        StartQuery: start as never,
        StartQueryWithParameters: start as never,
        ReadPreview: ((p: Record<string, unknown>) => {
          calls.results.push(p);
          const header = !["DDL", "UTILITY"].includes(s.statementType ?? "DML");
          return { ResultSet: { Rows: athenaRows(s.rows ?? [], header, s.columns) } };
        }) as never,
        RememberVerdict: ((p: Record<string, unknown>) => {
          calls.updates.push(p);
          if (s.memoryFails) throw new TaskError(s.memoryFails, "UpdateItem failed");
          return s.stored ? { Attributes: { verdict: { S: s.stored } } } : {};
        }) as never,
        PublishResult: ((p: Record<string, unknown>) => {
          calls.events.push(p);
          return { FailedEntryCount: 0, Entries: [{ EventId: "e-1" }] };
        }) as never,
      },
      retryIntervalOverrides: {
        StartQuery: 0,
        StartQueryWithParameters: 0,
        ReadPreview: 0,
        PublishResult: 0,
        RememberVerdict: 0,
      },
    },
    context: {
      Execution: { Id: "arn:aws:states:us-east-1:000000000000:execution:audit-checks-runner:x1", Name: "x1" },
      State: { EnteredTime: "2026-12-03T12:00:00.000Z", Name: "RememberVerdict", RetryCount: 0 },
      StateMachine: {
        Id: "arn:aws:states:us-east-1:000000000000:stateMachine:audit-checks-runner",
        Name: "audit-checks-runner",
      },
    } as never,
  });
  const output = (await execution.result) as unknown as ExecutionOutput;
  return { output, calls };
}

describe("state machine definition", () => {
  it("is valid ASL for asl-validator and deterministic", () => {
    const r = aslValidator(buildStateMachineDefinition(testConfig), { checkPaths: true, checkArn: true });
    expect(r.errors).toEqual([]);
    expect(r.isValid).toBe(true);
    expect(stateMachineDefinitionText(testConfig)).toBe(stateMachineDefinitionText(testConfig));
  });

  it("writes exactly the output keys of the contract's schema in every verdict state", () => {
    const def = buildStateMachineDefinition(testConfig) as { States: Record<string, Record<string, unknown>> };
    const verdicts = Object.entries(def.States).filter(([name]) => name.startsWith("Verdict"));
    expect(verdicts.map(([name]) => name).sort()).toEqual(["VerdictError", "VerdictFail", "VerdictPass"]);
    for (const [, state] of verdicts) {
      const keys = Object.keys(state.Parameters as object).map((k) => k.replace(/\.\$$/, ""));
      expect(keys).toEqual(Object.keys(executionOutputSchema.shape));
    }
  });

  it("never writes the old defects: every Next exists, End is boolean, the .sync integration waits", () => {
    const def = buildStateMachineDefinition(testConfig) as { States: Record<string, Record<string, unknown>> };
    const text = JSON.stringify(def);
    expect(text).toContain("athena:startQueryExecution.sync");
    expect(text).not.toContain('"End":"True"');
    expect(Object.values(def.States).some((s) => s.Type === "Wait")).toBe(false);
  });
});

describe("verdicts", () => {
  it("none → PASS, with a compact output and the completed event", async () => {
    const { output, calls } = await run({ expectation: { kind: "none" }, rows: [["0"]] });
    expect(output).toEqual({
      checkId: "c-1",
      generation: 3,
      verdict: "PASS",
      queryExecutionId: "q-123",
      previewRowCount: 1,
      firstValue: "0",
      statistics: { DataScannedInBytes: 42, EngineExecutionTimeInMillis: 7 },
      error: null,
    });
    const entry = (calls.events[0]!.Entries as Record<string, unknown>[])[0]!;
    expect(entry.Source).toBe("audit-checks");
    expect(entry.DetailType).toBe("Audit Check Completed");
    expect(entry.Detail).toMatchObject({
      check: { id: "c-1", slug: "admin-logins", generation: 3 },
      verdict: "PASS",
      queryExecutionId: "q-123",
    });
  });

  it("starts the query idempotently: token from the execution, no ExecutionParameters when there are none", async () => {
    const { calls } = await run({ expectation: { kind: "none" }, rows: [] });
    const p = calls.start[0]!;
    expect(p).not.toHaveProperty("ExecutionParameters");
    // The execution name plus the state machine's MD5: same on a retry, different per execution, 32–128 characters.
    expect(p.ClientRequestToken).toMatch(/^x1-[0-9a-f]{32}$/);
    expect(p).toMatchObject({
      QueryString: expect.stringContaining("SELECT"),
      WorkGroup: "primary",
      QueryExecutionContext: { Catalog: "AwsDataCatalog", Database: "auditlogs" },
      ResultConfiguration: { OutputLocation: "s3://results/" },
    });
    expect(calls.results[0]).toEqual({ QueryExecutionId: "q-123", MaxResults: 21 });
  });

  it("retries Athena throttling with the same token", async () => {
    const { output, calls } = await run({ expectation: { kind: "none" }, rows: [], throttleFirstStart: true });
    expect(output.verdict).toBe("PASS");
    expect(calls.start).toHaveLength(2);
    expect(calls.start[0]!.ClientRequestToken).toBe(calls.start[1]!.ClientRequestToken);
  });

  it.each([
    [[], "PASS"],
    [[["a"], ["b"]], "FAIL"],
  ] as const)("noRows with %j → %s", async (rows, verdict) => {
    const { output } = await run({ expectation: { kind: "noRows" }, rows: rows.map((r) => [...r]) });
    expect(output.verdict).toBe(verdict);
    expect(output.previewRowCount).toBe(rows.length);
  });

  it.each([
    ["eq", 2, 2, "PASS"],
    ["eq", 2, 3, "FAIL"],
    ["ne", 2, 3, "PASS"],
    ["ne", 2, 2, "FAIL"],
    ["lt", 3, 2, "PASS"],
    ["lt", 2, 2, "FAIL"],
    ["le", 2, 2, "PASS"],
    ["gt", 1, 2, "PASS"],
    ["gt", 2, 2, "FAIL"],
    ["ge", 2, 2, "PASS"],
    ["ge", 3, 2, "FAIL"],
  ] as const)("rowCount %s %d with %d rows → %s", async (op, value, n, verdict) => {
    const rows = Array.from({ length: n }, (_, i) => [String(i)]);
    const { output } = await run({ expectation: { kind: "rowCount", op, value }, rows });
    expect(output.verdict).toBe(verdict);
  });

  it.each([
    ["gt", 5, 25, "PASS"],
    ["eq", 19, 25, "FAIL"],
    ["ge", 20, 25, "ERROR"],
    ["eq", 20, 20, "ERROR"],
  ] as const)("rowCount %s %d with %d rows (preview holds 20) → %s", async (op, value, n, verdict) => {
    const rows = Array.from({ length: Math.min(n, 20) }, (_, i) => [String(i)]);
    const { output } = await run({ expectation: { kind: "rowCount", op, value }, rows });
    expect(output.verdict).toBe(verdict);
    if (verdict === "ERROR") expect(output.error?.error).toBe("AuditCheck.RowCountBeyondPreview");
  });

  it("counts rows without a header for DDL / UTILITY statements", async () => {
    const { output } = await run({
      expectation: { kind: "rowCount", op: "eq", value: 2 },
      rows: [["a"], ["b"]],
      statementType: "UTILITY",
    });
    expect(output).toMatchObject({ verdict: "PASS", previewRowCount: 2, firstValue: "a" });
  });

  it.each([
    ["eq", 0, "0", "PASS"],
    ["eq", 0, "3", "FAIL"],
    ["gt", 10, "10.5", "PASS"],
    ["le", -1, "-2", "PASS"],
    ["lt", 5, "12", "FAIL"],
  ] as const)("firstValue %s %d with %s → %s (compared as numbers)", async (op, value, first, verdict) => {
    const { output } = await run({ expectation: { kind: "firstValue", op, value }, rows: [[first]] });
    expect(output.verdict).toBe(verdict);
    expect(output.firstValue).toBe(first);
  });

  it.each([
    ["not a number", [["abc"]], "AuditCheck.FirstValueNotNumber"],
    ["a JSON non-number", [["true"]], "AuditCheck.FirstValueNotNumber"],
    ["NULL", [[null]], "AuditCheck.NoFirstValue"],
    ["no rows", [], "AuditCheck.NoFirstValue"],
  ] as const)("firstValue with %s → ERROR", async (_label, rows, error) => {
    const { output } = await run({
      expectation: { kind: "firstValue", op: "eq", value: 0 },
      rows: rows.map((r) => [...r]),
    });
    expect(output.verdict).toBe("ERROR");
    expect(output.error?.error).toBe(error);
  });

  it("a failed query → ERROR carrying Athena's message, nothing read, event still published", async () => {
    const { output, calls } = await run({
      expectation: { kind: "none" },
      queryFails: {
        error: "States.TaskFailed",
        cause: "TABLE_NOT_FOUND: line 1:22: Table 'auditlogs.nope' does not exist",
      },
    });
    expect(output.verdict).toBe("ERROR");
    expect(output.error).toEqual({ error: "States.TaskFailed", cause: expect.stringContaining("TABLE_NOT_FOUND") });
    expect(output.queryExecutionId).toBeNull();
    expect(calls.results).toHaveLength(0);
    expect(calls.events).toHaveLength(1);
  });
});

describe("failed queries", () => {
  it("keeps Athena's sentence and the query id when the .sync task fails with the query as cause", async () => {
    const cause = JSON.stringify({
      QueryExecution: {
        QueryExecutionId: "q-failed",
        Status: { State: "FAILED", StateChangeReason: "COLUMN_NOT_FOUND: line 1:8: Column 'nope' cannot be resolved" },
      },
    });
    const { output } = await run({ expectation: { kind: "none" }, queryFails: { error: "States.TaskFailed", cause } });
    expect(output).toMatchObject({
      verdict: "ERROR",
      queryExecutionId: "q-failed",
      error: {
        error: "States.TaskFailed",
        cause: "Athena query FAILED: COLUMN_NOT_FOUND: line 1:8: Column 'nope' cannot be resolved",
      },
    });
  });
});

describe("parameters", () => {
  it("turns event values into SQL literals: strings quoted, numbers and booleans bare, literals as-is", async () => {
    const { calls, output } = await run({
      expectation: { kind: "none" },
      parameterSources: [
        { kind: "literal", value: "'admin'" },
        { kind: "eventPath", path: "$.detail.cluster", value: "prod-db" },
        { kind: "eventPath", path: "$.detail.exitCode", value: 0 },
        { kind: "eventPath", path: "$.detail.flag", value: true },
        { kind: "eventPath", path: "$.detail.note", value: "back\\slash" },
        { kind: "eventPath", path: "$.detail.name", value: "O'Brien'; DROP TABLE x; --" },
        { kind: "eventPath", path: "$.detail.quotes", value: "''" },
      ],
    });
    const params = calls.start[0]!.ExecutionParameters as string[];
    // Trino literals have no backslash escapes: a backslash stays as it is; a quote is doubled.
    expect(params).toEqual([
      "'admin'",
      "'prod-db'",
      "0",
      "true",
      "'back\\slash'",
      "'O''Brien''; DROP TABLE x; --'",
      "''''''",
    ]);
    // The output a run writes is exactly what the contract's schema reads.
    expect(executionOutputSchema.strict().safeParse(output).success).toBe(true);
  });

  it("quotes with JSONata: every single quote doubled, the value wrapped in quotes", async () => {
    const quote = (value: string) =>
      jsonata(QUOTE_STRING_LITERAL.slice(2, -2)).evaluate(null, { states: { input: { kind: "eventPath", value } } });
    expect(await quote("plain")).toBe("'plain'");
    expect(await quote("x' OR '1'='1")).toBe("'x'' OR ''1''=''1'");
    expect(await quote("")).toBe("''");
  });

  it("still reads an event parameter stored with the older kind name (a rerun keeps its original input)", async () => {
    const legacy = [{ kind: "event", path: "$.detail.cluster", value: "prod-db" }];
    const { calls } = await run({
      expectation: { kind: "none" },
      parameterSources: legacy as unknown as ExecutionInput["query"]["parameterSources"],
    });
    expect(calls.start[0]!.ExecutionParameters).toEqual(["'prod-db'"]);
  });

  it("uses plain literal parameters when no sources are given", async () => {
    const { calls } = await run({ expectation: { kind: "none" }, parameters: ["'x'", "42"] });
    expect(calls.start[0]!.ExecutionParameters).toEqual(["'x'", "42"]);
  });

  it.each([
    ["a missing (null) value", null, "AuditCheck.InvalidParameter"],
    ["an object", { a: 1 }, "AuditCheck.InvalidParameter"],
  ] as const)("refuses %s: ERROR and no query started", async (_label, value, error) => {
    const { output, calls } = await run({
      expectation: { kind: "none" },
      parameterSources: [{ kind: "eventPath", path: "$.detail.x", value }],
    });
    expect(calls.start).toHaveLength(0);
    expect(output.verdict).toBe("ERROR");
    expect(output.error?.error).toBe(error);
  });
});

describe("verdict memory and the completed event", () => {
  const detailOf = (calls: { events: Record<string, unknown>[] }) =>
    completedEventDetailSchema.strict().parse((calls.events[0]!.Entries as Array<{ Detail: unknown }>)[0]!.Detail);

  it("builds the detail with exactly the schema's keys, in both the full and the minimal path", () => {
    expect([...DETAIL_EXPRESSION_KEYS].sort()).toEqual(Object.keys(completedEventDetailSchema.shape).sort());
    type State = { Parameters: Record<string, unknown> & { Entries?: Array<Record<string, unknown>> } };
    const def = buildStateMachineDefinition(testConfig) as { States: Record<string, State> };
    expect(def.States.PublishResult!.Parameters.Entries![0]!["Detail.$"]).toBe("$.detail");
    const schemaKeys = new Set(Object.keys(completedEventDetailSchema.shape));
    for (const name of ["MinimalDetailWithPrevious", "MinimalDetailFirst"]) {
      const keys = Object.keys(def.States[name]!.Parameters).map((k) => k.replace(/\.\$$/, ""));
      for (const k of keys) expect(schemaKeys.has(k), `${name}.${k}`).toBe(true);
    }
    expect(def.States.RememberVerdict).toMatchObject({
      Resource: "arn:aws:states:::dynamodb:updateItem",
      Parameters: { TableName: "audit-checks-verdicts", ReturnValues: "UPDATED_OLD" },
    });
  });

  it("a first verdict: UpdateItem SETs verdict, execution and time; verdictChanged true, no previousVerdict", async () => {
    const { output, calls } = await run({ expectation: { kind: "noRows" }, rows: [["alice"]], name: "Admin logins" });
    expect(output.verdict).toBe("FAIL");
    expect(calls.updates).toEqual([
      {
        TableName: "audit-checks-verdicts",
        Key: { checkId: { S: "c-1" } },
        UpdateExpression: "SET verdict = :v, executionArn = :e, updatedAt = :t",
        ExpressionAttributeValues: {
          ":v": { S: "FAIL" },
          ":e": { S: "arn:aws:states:us-east-1:000000000000:execution:audit-checks-runner:x1" },
          ":t": { S: "2026-12-03T12:00:00.000Z" },
        },
        ReturnValues: "UPDATED_OLD",
      },
    ]);
    const d = detailOf(calls);
    expect(d).toMatchObject({ verdict: "FAIL", verdictChanged: true, firstValue: "alice" });
    expect(d).not.toHaveProperty("previousVerdict");
    expect((d.messages.slack as { text: string }).text).toBe("FAIL: Admin logins");
    expect(d.messages.text).toContain("http://localhost:3000/executions/x1");
  });

  it("the same verdict again: verdictChanged false; a different one: true with the previous verdict", async () => {
    const same = detailOf((await run({ expectation: { kind: "noRows" }, rows: [["a"]], stored: "FAIL" })).calls);
    expect(same).toMatchObject({ verdict: "FAIL", previousVerdict: "FAIL", verdictChanged: false });
    const recovered = detailOf((await run({ expectation: { kind: "noRows" }, rows: [], stored: "FAIL" })).calls);
    expect(recovered).toMatchObject({ verdict: "PASS", previousVerdict: "FAIL", verdictChanged: true });
  });

  it("a failed UpdateItem leaves the verdict alone and counts as changed (a duplicate beats a lost alert)", async () => {
    const { output, calls } = await run({
      expectation: { kind: "noRows" },
      rows: [["a"]],
      memoryFails: "DynamoDB.ResourceNotFoundException",
    });
    expect(output.verdict).toBe("FAIL");
    const d = detailOf(calls);
    expect(d).toMatchObject({ verdict: "FAIL", verdictChanged: true });
    expect(d).not.toHaveProperty("previousVerdict");
  });

  it("messages that cannot be built: the verdict stands and a minimal message is published", async () => {
    for (const stored of [undefined, "PASS"]) {
      const { output, calls } = await run({
        expectation: { kind: "noRows" },
        rows: [["a"]],
        stored,
        messageFails: true,
      });
      expect(output.verdict).toBe("FAIL");
      const d = detailOf(calls);
      expect(d).toMatchObject({ verdict: "FAIL", verdictChanged: true, trigger: "event" });
      expect(d.previousVerdict).toBe(stored);
      expect(d.messages.text).toBe("FAIL: admin-logins (the full message could not be built; see the execution x1)");
      expect(d.messages.webhook).toMatchObject({ version: "1", messageError: "States.QueryEvaluationError" });
    }
  });
});
