import * as EB from "@aws-sdk/client-eventbridge";
import * as SF from "@aws-sdk/client-sfn";
import { checkedClients } from "./test/outside.ts";
const c = checkedClients("http://localhost:4599");
const ROLE = "arn:aws:iam::000000000000:role/r";
const { stateMachineArn } = await c.sfn.send(new SF.CreateStateMachineCommand({ name: "sched", definition: '{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}', roleArn: ROLE }));
await c.events.send(new EB.PutRuleCommand({ Name: "every-minute", ScheduleExpression: "rate(1 minute)" }));
await c.events.send(new EB.PutTargetsCommand({ Rule: "every-minute", Targets: [{ Id: "sm", Arn: stateMachineArn, RoleArn: ROLE }] }));
const t0 = Date.now();
for (;;) {
  const ex = (await c.sfn.send(new SF.ListExecutionsCommand({ stateMachineArn }))).executions!;
  if (ex.length) { const d = await c.sfn.send(new SF.DescribeExecutionCommand({ executionArn: ex[0].executionArn })); console.log("after", (Date.now() - t0) / 1000, "s", d.input); break; }
  if (Date.now() - t0 > 130_000) { console.log("no execution in 130 s"); break; }
  await new Promise(r => setTimeout(r, 1000));
}
console.log(c.problems);
