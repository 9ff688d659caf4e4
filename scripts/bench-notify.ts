// `npm run bench:notify [-- --runs 50]`
// From PutEvents of the story's ECS event to the Slack message at the webhook receiver, against the same runs'
// event-to-verdict time, on a fresh emulator (spawned as a process): the reconciler creates the verdict table, the
// state machine and the story's rule; a hand-wired notification rule (connection + API destination, InputPath
// $.detail.messages.slack) delivers to the emulator's receiver. Runs go one at a time, so each is measured alone.
//   event → verdict: PutEvents sent → the Verdict* state exited (the execution's history timestamp)
//   event → message: PutEvents sent → the receiver recorded the Slack message (its receivedAt)
import { PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { GetExecutionHistoryCommand, ListExecutionsCommand } from "@aws-sdk/client-sfn";
import { createAwsClients } from "@/lib/aws/create-clients";
import { demoChecks } from "@/lib/db/demo-checks";
import { stateMachineArn } from "@/lib/reconcile/config";
import { storyEcsEvent, waitForRequests, wireCompletedEvents } from "@/lib/reconcile/notification-test-support";
import { Reconciler } from "@/lib/reconcile/reconciler";
import { MemoryCheckStore, makeCheck, testConfig } from "@/lib/reconcile/test-fixtures";
import { startEmulator } from "@/lib/testing/emulator-process";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function summary(label: string, ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  return `${label.padEnd(18)} p50 ${percentile(s, 50).toFixed(0).padStart(5)} ms   p95 ${percentile(s, 95).toFixed(0).padStart(5)} ms   min ${s[0]!.toFixed(0).padStart(5)} ms   max ${s.at(-1)!.toFixed(0).padStart(5)} ms`;
}

async function main(): Promise<void> {
  const runs = Number(arg("runs", "50"));
  const emu = await startEmulator();
  try {
    const aws = createAwsClients({
      region: "us-east-1",
      endpoint: emu.url,
      credentials: { accessKeyId: "test", secretAccessKey: "test" },
    });
    const check = makeCheck({
      ...demoChecks({
        region: "us-east-1",
        accountId: "000000000000",
        catalog: "AwsDataCatalog",
        database: "auditlogs",
        workgroup: "primary",
        outputLocation: "s3://audit-checks-results/",
      })[0]!,
    });
    const report = await new Reconciler({
      events: aws.events,
      sfn: aws.sfn,
      dynamodb: aws.dynamodb,
      config: testConfig,
      store: new MemoryCheckStore([check]),
    }).reconcile();
    if (report.stateMachineError || report.verdictTableError)
      throw new Error(report.stateMachineError ?? report.verdictTableError ?? "");
    const receiver = "bench-slack";
    await wireCompletedEvents({
      aws,
      emulatorUrl: emu.url,
      config: testConfig,
      rule: "bench-notify",
      checkIds: [check.id],
      slackReceiver: receiver,
      eventsReceiver: "bench-events",
    });

    const toVerdict: number[] = [];
    const toMessage: number[] = [];
    const seen = new Set<string>();
    for (let i = 0; i < runs; i++) {
      const sent = Date.now();
      const put = await aws.events.send(new PutEventsCommand({ Entries: [storyEcsEvent(new Date().toISOString())] }));
      if (put.FailedEntryCount) throw new Error(`PutEvents failed: ${JSON.stringify(put.Entries)}`);
      const got = await waitForRequests(emu.url, receiver, i + 1, { pollMs: 20 });
      const message = got[i]!;
      toMessage.push(Date.parse(message.receivedAt) - sent);
      const list = await aws.sfn.send(new ListExecutionsCommand({ stateMachineArn: stateMachineArn(testConfig) }));
      const execution = (list.executions ?? []).find((e) => !seen.has(e.executionArn!))!;
      seen.add(execution.executionArn!);
      const history = await aws.sfn.send(new GetExecutionHistoryCommand({ executionArn: execution.executionArn! }));
      const verdict = (history.events ?? []).find(
        (e) => e.type === "PassStateExited" && /^Verdict(Pass|Fail|Error)$/.test(e.stateExitedEventDetails?.name ?? ""),
      );
      toVerdict.push(verdict!.timestamp!.getTime() - sent);
      process.stdout.write(".");
    }
    console.log(`\n\n${runs} runs of the story's check (FAIL), one at a time, on the emulator:`);
    console.log(summary("event → verdict", toVerdict));
    console.log(summary("event → message", toMessage));
    const extra = toMessage.map((m, i) => m - toVerdict[i]!);
    console.log(summary("verdict → message", extra));
  } finally {
    await emu.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
