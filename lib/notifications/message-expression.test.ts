// The completed event's detail as the state machine's JSONata builds it, evaluated with the jsonata package the
// emulator and Step Functions use: contents of each message, escaping, formatting, and the size bound.
import { describe, expect, it } from "vitest";
import jsonata from "jsonata";
import { athenaQueryCost, formatBytes, formatUsd } from "@/lib/executions/athena-cost";
import { completedEventDetailSchema, type CompletedEventDetail } from "./completed-event";
import { completedDetailExpression, SLACK_SECTION_MAX, WEBHOOK_ROWS_BUDGET } from "./message-expression";

const EVENTBRIDGE_ENTRY_LIMIT = 256 * 1024;
const compiled = jsonata(completedDetailExpression("https://console.example.com/").replace(/^\{%([\s\S]*)%\}$/, "$1"));

type Cell = string | null;
function page(columns: string[] | null, rows: Cell[][]) {
  const data = rows.map((r) => ({ Data: r.map((v) => (v === null ? {} : { VarCharValue: v })) }));
  return columns ? [{ Data: columns.map((c) => ({ VarCharValue: c })) }, ...data] : data;
}

interface Over {
  columns?: string[] | null;
  rows?: Cell[][];
  verdict?: "PASS" | "FAIL" | "ERROR";
  memory?: { previousVerdict?: string; verdictChanged: boolean };
  name?: string;
  bytes?: number | null;
  statementType?: string;
  error?: { error: string; cause: string } | null;
  firstValue?: string | null;
  rowCount?: number | null;
  expectation?: Record<string, unknown>;
}

async function build(o: Over = {}) {
  const rows = o.rows ?? [["3"]];
  const input = {
    check: {
      id: "c-1",
      slug: "administrator-logins",
      generation: 4,
      ...(o.name === undefined ? { name: "Administrator logins" } : o.name ? { name: o.name } : {}),
    },
    trigger: { kind: "event" },
    expectation: o.expectation ?? { kind: "firstValue", op: "eq", value: 0 },
    summary: {
      checkId: "c-1",
      generation: 4,
      verdict: o.verdict ?? "FAIL",
      queryExecutionId: "q-1",
      previewRowCount: o.rowCount !== undefined ? o.rowCount : rows.length,
      firstValue: o.firstValue !== undefined ? o.firstValue : (rows[0]?.[0] ?? null),
      statistics: o.bytes === null ? null : { DataScannedInBytes: o.bytes ?? 1536 },
      error: o.error ?? null,
    },
    memory: o.memory ?? { verdictChanged: true },
    run: {
      athena: { statementType: o.statementType ?? "DML" },
      page: { rows: page(o.columns === undefined ? ["logins"] : o.columns, rows) },
    },
    execution: {
      arn: "arn:aws:states:us-east-1:000000000000:execution:audit-checks-runner:run-1",
      name: "run-1",
      enteredTime: "2026-12-03T12:00:00.000Z",
    },
  };
  const out = (await compiled.evaluate(null, { states: { input } })) as {
    summary: unknown;
    detail: CompletedEventDetail;
  };
  return out;
}

interface SlackBlock {
  type: string;
  text?: { type: string; text: string };
  fields?: { text: string }[];
  elements?: { text: string }[];
}
const slackOf = (d: CompletedEventDetail) => d.messages.slack as { text: string; blocks: SlackBlock[] };
const blockTexts = (d: CompletedEventDetail) =>
  slackOf(d)
    .blocks.flatMap((b) => [
      b.text?.text,
      ...(b.fields ?? []).map((f) => f.text),
      ...(b.elements ?? []).map((e) => e.text),
    ])
    .filter(Boolean) as string[];

describe("completed event detail", () => {
  it("matches the contract's schema exactly and passes the summary through", async () => {
    const out = await build();
    expect(completedEventDetailSchema.strict().parse(out.detail)).toBeTruthy();
    expect(out.detail).toMatchObject({
      verdict: "FAIL",
      verdictChanged: true,
      firstValue: "3",
      previewRowCount: 1,
      trigger: "event",
    });
    expect(out.detail).not.toHaveProperty("previousVerdict");
    expect((out.summary as { verdict: string }).verdict).toBe("FAIL");
    const later = await build({ memory: { previousVerdict: "FAIL", verdictChanged: false } });
    expect(later.detail).toMatchObject({ previousVerdict: "FAIL", verdictChanged: false });
  });

  it("Slack: verdict, the check linked to its execution page, expectation vs first value, the row, scanned, cost, trigger", async () => {
    const { detail } = await build();
    const slack = slackOf(detail);
    expect(slack.text).toBe("FAIL: Administrator logins");
    expect(slack.blocks[0]).toEqual({
      type: "header",
      text: { type: "plain_text", text: ":red_circle: FAIL: Administrator logins", emoji: true },
    });
    const all = blockTexts(detail).join("\n");
    expect(all).toContain(
      "*<https://console.example.com/executions/run-1|Administrator logins>* — *FAIL* (first verdict)",
    );
    expect(all).toContain("*Expected*\nfirst value = 0");
    expect(all).toContain("*Got*\nfirst value 3 (1 row)");
    expect(all).toContain("*Data scanned*\n1.50 KB");
    expect(all).toContain("*Cost*\n$0.000048");
    expect(all).toContain("*Trigger*\nevent");
    expect(all).toContain("```\nlogins\n------\n3\n```");
  });

  it("aligns the table with column names and says what was left out", async () => {
    const rows = Array.from({ length: 20 }, (_, i) => [`user-${i}`, String(i * 100), null]);
    const { detail } = await build({
      columns: ["username", "n", "host"],
      rows,
      expectation: { kind: "noRows" },
      firstValue: "user-0",
    });
    const table = blockTexts(detail).find((t) => t.startsWith("```"))!;
    const lines = table.split("\n");
    expect(lines[1]).toBe("username  n     host");
    expect(lines[2]).toBe("--------  ----  ----");
    expect(lines[3]).toBe("user-0    0     NULL");
    expect(lines[12]).toBe("user-9    900   NULL");
    expect(table).toContain("(the run reads the first 20 rows only)");
  });

  it("escapes Slack's &, <, > and keeps backticks and control characters out of the code block", async () => {
    const { detail } = await build({
      name: "Logins <!channel> & co",
      columns: ["q"],
      rows: [["a`b```c\u0000d\ne<@U1>&"]],
      expectation: { kind: "noRows" },
    });
    // mrkdwn is parsed for mentions and links; the header is plain_text, which Slack shows as it is.
    const all = blockTexts(detail).slice(1).join("\n");
    expect(all).toContain("Logins &lt;!channel&gt; &amp; co");
    expect(all).not.toContain("<!channel>");
    expect(all).not.toContain("<@U1>");
    const table = blockTexts(detail).find((t) => t.startsWith("```"))!;
    expect(table.slice(3, -3)).not.toContain("`");
    expect(table).toContain("aˋbˋˋˋc d e&lt;@U1&gt;&amp;");
    expect(detail.messages.text).toContain("Logins <!channel> & co");
  });

  it("formats data scanned and cost like the console (10 MB minimum, DDL free, unknown shown as —)", async () => {
    for (const bytes of [0, 812, 1536, 15 * 1024 * 1024 + 1, 3 * 1024 ** 4]) {
      const all = blockTexts((await build({ bytes })).detail).join("\n");
      expect(all).toContain(`*Data scanned*\n${formatBytes(bytes)}`);
      expect(all).toContain(`*Cost*\n${formatUsd(athenaQueryCost({ dataScannedBytes: bytes }).usd)}`);
    }
    expect(blockTexts((await build({ bytes: 5e9, statementType: "DDL" })).detail).join("\n")).toContain(
      "*Cost*\n$0.00",
    );
    expect(blockTexts((await build({ bytes: null })).detail).join("\n")).toContain("*Cost*\n—");
  });

  it("an ERROR shows the error; an old input without a name uses the slug", async () => {
    const { detail } = await build({
      verdict: "ERROR",
      name: "",
      error: { error: "Athena.InvalidRequestException", cause: "line 1: bad" },
      rows: [],
    });
    expect(slackOf(detail).text).toBe("ERROR: administrator-logins");
    expect(blockTexts(detail).join("\n")).toContain("*Athena.InvalidRequestException*\nline 1: bad");
    expect(blockTexts(detail).join("\n")).toContain("_No rows._");
    expect(detail.error).toEqual({ error: "Athena.InvalidRequestException", cause: "line 1: bad" });
  });

  it("webhook body: version 1, columns, rows (NULL as null), query cost, previous verdict", async () => {
    const { detail } = await build({
      columns: ["user", "host"],
      rows: [["alice", null]],
      memory: { previousVerdict: "PASS", verdictChanged: true },
      expectation: { kind: "rowCount", op: "eq", value: 0 },
    });
    expect(detail.messages.webhook).toEqual({
      version: "1",
      check: { id: "c-1", slug: "administrator-logins", name: "Administrator logins", generation: 4 },
      verdict: "FAIL",
      previousVerdict: "PASS",
      verdictChanged: true,
      expectation: { kind: "rowCount", op: "eq", value: 0 },
      result: {
        rowCount: 1,
        firstValue: "alice",
        columns: ["user", "host"],
        rows: [["alice", null]],
        omittedRows: 0,
        omittedColumns: 0,
      },
      query: { executionId: "q-1", dataScannedBytes: 1536, costUsd: athenaQueryCost({ dataScannedBytes: 1536 }).usd },
      error: null,
      trigger: { kind: "event", actor: null },
      execution: {
        arn: "arn:aws:states:us-east-1:000000000000:execution:audit-checks-runner:run-1",
        name: "run-1",
        url: "https://console.example.com/executions/run-1",
        completedAt: "2026-12-03T12:00:00.000Z",
      },
    });
    expect(detail.messages.text).toContain(
      "FAIL: Administrator logins (was PASS)\nExpected row count = 0; got 1 row, first value alice.",
    );
  });

  it.each([
    ["wide multibyte rows", 200, 20, '𝄞日本語é\u0001"\\`<&>'.repeat(300)],
    ["10,000 columns", 10_000, 20, "x"],
    ["long cells, few columns", 3, 20, "😀".repeat(60_000)],
  ])(
    "stays under EventBridge's 256 KB entry limit with %s, within Slack's limits",
    async (_label, ncol, nrows, cell) => {
      const columns = Array.from({ length: ncol }, (_, i) => `column_${i}_${"名".repeat(50)}`);
      const rows = Array.from({ length: nrows }, () => Array.from({ length: ncol }, () => cell));
      const { detail } = await build({
        columns,
        rows,
        rowCount: 20,
        firstValue: cell,
        error: { error: "E", cause: "c".repeat(100_000) },
      });
      completedEventDetailSchema.strict().parse(detail);
      const entry = JSON.stringify({
        Source: "audit-checks",
        DetailType: "Audit Check Completed",
        Detail: JSON.stringify(detail),
      });
      expect(Buffer.byteLength(entry)).toBeLessThan(EVENTBRIDGE_ENTRY_LIMIT * 0.75);
      const slack = slackOf(detail);
      expect(slack.blocks.length).toBeLessThanOrEqual(50);
      for (const t of blockTexts(detail)) expect(t.length).toBeLessThanOrEqual(SLACK_SECTION_MAX);
      expect(slack.blocks[0]!.text!.text.length).toBeLessThanOrEqual(150);
      const table = blockTexts(detail).find((t) => t.startsWith("```"))!;
      expect(table).toMatch(/…and \d+ more (rows|columns)/);
      const hook = detail.messages.webhook as { result: { rows: unknown[][]; omittedRows: number } };
      // The budget counts code points (JSONata's $length).
      expect([...hook.result.rows.flat().join("")].length).toBeLessThanOrEqual(WEBHOOK_ROWS_BUDGET);
      expect(hook.result.rows.length + hook.result.omittedRows).toBe(20);
    },
    30_000,
  );
});
