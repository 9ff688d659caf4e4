// The completed event and its messages on the emulator, end to end: the reconciler creates the verdict table and
// the story's check; an ECS event starts the run; the state machine remembers the verdict (DynamoDB) and publishes
// the event; a hand-wired notification rule (a connection + two API destinations, as the reconciler's notification
// kinds wire them) delivers the Slack message (InputPath) and the whole event to the emulator's webhook receiver.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DescribeTableCommand } from "@aws-sdk/client-dynamodb";
import { PutEventsCommand } from "@aws-sdk/client-eventbridge";
import type { Check } from "@/lib/checks/types";
import { createAwsClients, type AwsClients } from "@/lib/aws/create-clients";
import { demoChecks } from "@/lib/db/demo-checks";
import { completedEventDetailSchema, type CompletedEventDetail } from "@/lib/notifications/completed-event";
import { startEmulator, type EmulatorProcess } from "@/lib/testing/emulator-process";
import { storyEcsEvent, waitForRequests, wireCompletedEvents, type ReceivedRequest } from "./notification-test-support";
import { Reconciler } from "./reconciler";
import { MemoryCheckStore, makeCheck, testConfig } from "./test-fixtures";

let emu: EmulatorProcess;
let aws: AwsClients;
let story: Check;
let wide: Check;
const RECEIVER = `slack-it-${Date.now()}`;
const EVENTS_RECEIVER = `${RECEIVER}-events`;

const ctx = {
  region: "us-east-1",
  accountId: "000000000000",
  catalog: "AwsDataCatalog",
  database: "auditlogs",
  workgroup: "primary",
  outputLocation: "s3://audit-checks-results/",
};

const ecsEvent = (time: string) => storyEcsEvent(time);
const waitFor = (name: string, n: number) => waitForRequests(emu.url, name, n);
type Received = ReceivedRequest;

async function wire(rule: string, checkIds: string[]) {
  await wireCompletedEvents({
    aws,
    emulatorUrl: emu.url,
    config: testConfig,
    rule,
    checkIds,
    slackReceiver: RECEIVER,
    eventsReceiver: EVENTS_RECEIVER,
  });
}

const detailOf = (r: Received) => completedEventDetailSchema.strict().parse((r.body as { detail: unknown }).detail);
const slackText = (body: unknown) => JSON.stringify(body);

beforeAll(async () => {
  emu = await startEmulator();
  aws = createAwsClients({
    region: "us-east-1",
    endpoint: emu.url,
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  });
  story = makeCheck({ ...demoChecks(ctx)[0]!, slug: "aurora-admin-logins" });
  wide = makeCheck({
    name: "Wide 日本語 rows `with` <backticks> & more",
    slug: "wide-rows",
    sql:
      "SELECT n, rpad('', 300, '日本語𝄞') AS a, rpad('', 300, 'é\"`<') AS b, rpad('', 300, 'x') AS c " +
      "FROM unnest(sequence(1, 25)) AS t(n)",
    parameters: [],
    expectation: { kind: "noRows" },
    trigger: { kind: "eventPattern", pattern: { source: ["acc.wide"] } },
  });
  const report = await new Reconciler({
    events: aws.events,
    sfn: aws.sfn,
    dynamodb: aws.dynamodb,
    config: testConfig,
    store: new MemoryCheckStore([story, wide]),
  }).reconcile();
  expect(report.stateMachineError).toBeNull();
  expect(report.verdictTableError).toBeNull();
  expect(report.plan.verdictTable?.action).toBe("create");
  await wire("it-notify", [story.id, wide.id]);
}, 120_000);

afterAll(async () => {
  await emu?.stop();
});

describe("the completed event and its messages on the emulator", () => {
  it("the reconciler created the verdict table on demand, keyed by checkId, and a second pass changes nothing", async () => {
    const t = await aws.dynamodb.send(new DescribeTableCommand({ TableName: testConfig.verdictTableName }));
    expect(t.Table?.BillingModeSummary?.BillingMode).toBe("PAY_PER_REQUEST");
    expect(t.Table?.KeySchema).toEqual([{ AttributeName: "checkId", KeyType: "HASH" }]);
    const again = await new Reconciler({
      events: aws.events,
      sfn: aws.sfn,
      dynamodb: aws.dynamodb,
      config: testConfig,
      store: new MemoryCheckStore([story, wide]),
    }).plan();
    expect(again.plan.verdictTable?.action).toBe("noop");
  });

  it("the story's FAIL → one Slack message with the check, FAIL, the count and the row; again → unchanged; PASS → recovery", async () => {
    const now = new Date().toISOString();
    await aws.events.send(new PutEventsCommand({ Entries: [ecsEvent(now)] }));
    const [first] = await waitFor(EVENTS_RECEIVER, 1);
    const d1: CompletedEventDetail = detailOf(first!);
    expect(d1).toMatchObject({ check: { id: story.id }, verdict: "FAIL", verdictChanged: true, trigger: "event" });
    expect(d1).not.toHaveProperty("previousVerdict");
    const count = d1.firstValue!;
    expect(Number(count)).toBeGreaterThan(0);

    const [slack] = await waitFor(RECEIVER, 1);
    expect(slack!.headers["x-acc-test"]).toBe("s3cret");
    const body = slack!.body as { text: string; blocks: unknown[] };
    expect(body).toEqual(d1.messages.slack);
    expect(body.text).toBe("FAIL: Aurora administrator logins");
    const text = slackText(body);
    expect(text).toContain(`/executions/${d1.executionArn.split(":").pop()}|Aurora administrator logins>* — *FAIL*`);
    expect(text).toContain(`*Got*\\nfirst value ${count} (1 row)`);
    expect(text).toContain("*Expected*\\nfirst value = 0");
    expect(text).toContain(`admin_logins\\n------------\\n${count}\\n`);

    // The same event again: the verdict did not change.
    await aws.events.send(new PutEventsCommand({ Entries: [ecsEvent(now)] }));
    const twice = await waitFor(EVENTS_RECEIVER, 2);
    expect(detailOf(twice[1]!)).toMatchObject({ verdict: "FAIL", previousVerdict: "FAIL", verdictChanged: false });

    // Years before the data: no logins, PASS after FAIL.
    await aws.events.send(new PutEventsCommand({ Entries: [ecsEvent("2020-01-01T00:00:00Z")] }));
    const thrice = await waitFor(EVENTS_RECEIVER, 3);
    const d3 = detailOf(thrice[2]!);
    expect(d3).toMatchObject({ verdict: "PASS", previousVerdict: "FAIL", verdictChanged: true, firstValue: "0" });
    expect(d3.messages.text).toMatch(/^PASS: Aurora administrator logins \(was FAIL\)/);
    expect((await waitFor(RECEIVER, 3)).length).toBe(3);
  }, 180_000);

  it("wide multibyte rows: the event stays far under 256 KB, the Slack table is clipped and says what it left out", async () => {
    await aws.events.send(new PutEventsCommand({ Entries: [{ Source: "acc.wide", DetailType: "x", Detail: "{}" }] }));
    const all = await waitFor(EVENTS_RECEIVER, 4);
    const event = all.find((r) => (r.body as { detail: { check: { id: string } } }).detail.check.id === wide.id)!;
    const d = detailOf(event);
    expect(d.verdict).toBe("FAIL");
    expect(Buffer.byteLength(JSON.stringify(event.body))).toBeLessThan(100 * 1024);
    const blocks = (d.messages.slack as { blocks: Array<{ text?: { text: string } }> }).blocks;
    const table = blocks.map((b) => b.text?.text ?? "").find((t) => t.startsWith("```"))!;
    expect(table.length).toBeLessThanOrEqual(3000);
    expect(table).toContain("日本語𝄞日本語𝄞");
    expect(table).toContain("…");
    expect(table).not.toMatch(/[^`]`[^`]/);
    expect(table).toContain("(the run reads the first 20 rows only)");
    expect(JSON.stringify(blocks)).toContain("Wide 日本語 rows `with` &lt;backticks&gt; &amp; more");
    const hook = d.messages.webhook as { result: { rows: string[][]; columns: string[] } };
    expect(hook.result.columns).toEqual(["n", "a", "b", "c"]);
    expect(hook.result.rows[0]![2]).toMatch(/^(é"`<){60}/);
  }, 120_000);
});
