import { createAwsClients } from "./lib/aws/create-clients";
import { Reconciler } from "./lib/reconcile/reconciler";
import { MemoryCheckStore, makeCheck, testConfig } from "./lib/reconcile/test-fixtures";
import { startEmulator } from "./lib/testing/emulator-process";
import { demoChecks, DEMO_CLUSTER_NAME, DEMO_ECS_CLUSTER_NAME } from "./lib/db/demo-checks";
import { stateMachineArn } from "./lib/reconcile/config";
import { targetInputSizeError } from "./lib/reconcile/target-input";
import { tablesInSql } from "./lib/reconcile/sql-tables";
import { PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { ListExecutionsCommand, DescribeExecutionCommand } from "@aws-sdk/client-sfn";
import sample from "./lib/executions/samples/ecs-task-state-change.event.json";
(async () => {
  const emu = await startEmulator();
  try {
    const aws = createAwsClients({ region: "us-east-1", endpoint: emu.url, credentials: { accessKeyId: "test", secretAccessKey: "test" } });
    const specs = demoChecks({ region: "us-east-1", accountId: "000000000000", catalog: "AwsDataCatalog", database: "auditlogs", workgroup: "primary", outputLocation: "s3://audit-checks-results/" });
    for (const s of specs) console.log(s.slug, targetInputSizeError(s), JSON.stringify(tablesInSql(s.sql)));
    const store = new MemoryCheckStore(specs.map((s) => makeCheck({ ...s })));
    const rep = await new Reconciler({ events: aws.events, sfn: aws.sfn, config: testConfig, store }).reconcile();
    console.log(rep.outcomes.map((o) => [o.ruleName, o.status, o.message]));
    const ev: any = structuredClone(sample);
    ev.detail.clusterArn = `arn:aws:ecs:us-east-1:000000000000:cluster/${DEMO_ECS_CLUSTER_NAME}`;
    ev.detail.lastStatus = "STOPPED";
    ev.detail.containers[0].exitCode = 0;
    ev.detail.overrides.containerOverrides[0].command = [DEMO_CLUSTER_NAME];
    const put = await aws.events.send(new PutEventsCommand({ Entries: [{ Source: "aws.ecs", DetailType: "ECS Task State Change", Detail: JSON.stringify(ev.detail), Resources: ev.resources }] }));
    console.log("put", put.FailedEntryCount, put.Entries?.[0]);
    await new Promise((r) => setTimeout(r, 5000));
    const list = await aws.sfn.send(new ListExecutionsCommand({ stateMachineArn: stateMachineArn(testConfig) }));
    for (const e of list.executions ?? []) {
      const d = await aws.sfn.send(new DescribeExecutionCommand({ executionArn: e.executionArn }));
      console.log(e.name, d.status, d.output, d.error, d.cause?.slice(0, 300));
    }
  } finally { await emu.stop(); }
})();
