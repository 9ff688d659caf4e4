import * as EB from "@aws-sdk/client-eventbridge";
import * as SF from "@aws-sdk/client-sfn";
import * as AT from "@aws-sdk/client-athena";
import { checkedClients } from "./test/outside.ts";
const c = checkedClients("http://localhost:4599");
async function t(label: string, p: Promise<any>) {
  try { const r = await p; delete r.$metadata; console.log("OK ", label, JSON.stringify(r).slice(0, 300)); }
  catch (e: any) { console.log("ERR", label, e.name, e.$metadata?.httpStatusCode, String(e.message).slice(0, 200)); }
  if (c.problems.length) console.log("   MODEL:", c.problems.splice(0));
}
const ROLE = "arn:aws:iam::000000000000:role/r";
const ev = { id: "1", account: "1", source: "s", time: "2024-01-01T00:00:00Z", region: "us-east-1", "detail-type": "d", detail: {} };
await t("TEP no resources", c.events.send(new EB.TestEventPatternCommand({ EventPattern: '{"source":["s"]}', Event: JSON.stringify(ev) })));
await t("TEP bad time", c.events.send(new EB.TestEventPatternCommand({ EventPattern: '{"source":["s"]}', Event: JSON.stringify({ ...ev, resources: [], time: "yesterday" }) })));
await t("PutRule both", c.events.send(new EB.PutRuleCommand({ Name: "both", EventPattern: '{"source":["s"]}', ScheduleExpression: "rate(5 minutes)" })));
await t("PutRule bus arn", c.events.send(new EB.PutRuleCommand({ Name: "busarn", EventPattern: '{"source":["s"]}', EventBusName: "arn:aws:events:us-east-1:000000000000:event-bus/default" })));
await t("ListRules bus", c.events.send(new EB.ListRulesCommand({ EventBusName: "default", Limit: 1 })));
await t("PutEvents big", c.events.send(new EB.PutEventsCommand({ Entries: [{ Source: "s", DetailType: "d", Detail: JSON.stringify({ x: "a".repeat(300000) }) }] })));
await t("PutEvents bus other", c.events.send(new EB.PutEventsCommand({ Entries: [{ Source: "s", DetailType: "d", Detail: "{}", EventBusName: "other" }] })));
await t("PutTargets 11", c.events.send(new EB.PutTargetsCommand({ Rule: "both", Targets: Array.from({ length: 11 }, (_, i) => ({ Id: "t" + i, Arn: "arn:aws:sqs:us-east-1:000000000000:q" })) })));
await t("PutTargets sqs", c.events.send(new EB.PutTargetsCommand({ Rule: "both", Targets: [{ Id: "q", Arn: "arn:aws:sqs:us-east-1:000000000000:q" }] })));
await t("PutTargets bad arn", c.events.send(new EB.PutTargetsCommand({ Rule: "both", Targets: [{ Id: "q2", Arn: "nope" }] })));
await t("PutTargets sm no role", c.events.send(new EB.PutTargetsCommand({ Rule: "both", Targets: [{ Id: "q3", Arn: "arn:aws:states:us-east-1:000000000000:stateMachine:x" }] })));
await t("PutTargets transformer bad template", c.events.send(new EB.PutTargetsCommand({ Rule: "both", Targets: [{ Id: "q4", Arn: "arn:aws:sqs:us-east-1:000000000000:q", InputTransformer: { InputPathsMap: { a: "$.detail" }, InputTemplate: "{\"a\": <b>}" } }] })));
await t("DeleteRule force", c.events.send(new EB.DeleteRuleCommand({ Name: "both", Force: true })));
await t("RemoveTargets", c.events.send(new EB.RemoveTargetsCommand({ Rule: "both", Ids: ["q"] })));
await t("Tag bad arn", c.events.send(new EB.TagResourceCommand({ ResourceARN: "nope", Tags: [{ Key: "a", Value: "b" }] })));
await t("ListTags bus", c.events.send(new EB.ListTagsForResourceCommand({ ResourceARN: "arn:aws:events:us-east-1:000000000000:event-bus/default" })));
// SFN
const sm = await c.sfn.send(new SF.CreateStateMachineCommand({ name: "p1", definition: JSON.stringify({ StartAt: "W", States: { W: { Type: "Wait", Seconds: 3, Next: "P" }, P: { Type: "Pass", End: true } } }), roleArn: ROLE }));
await t("ListExecutions no arn", c.sfn.send(new SF.ListExecutionsCommand({})));
const ex = await c.sfn.send(new SF.StartExecutionCommand({ stateMachineArn: sm.stateMachineArn, input: '{"a":1}' }));
await t("Describe running", c.sfn.send(new SF.DescribeExecutionCommand({ executionArn: ex.executionArn })));
await t("History running", c.sfn.send(new SF.GetExecutionHistoryCommand({ executionArn: ex.executionArn, includeExecutionData: false })));
await t("ListExecutions RUNNING", c.sfn.send(new SF.ListExecutionsCommand({ stateMachineArn: sm.stateMachineArn, statusFilter: "RUNNING" })));
await t("ListExecutions max 1001", c.sfn.send(new SF.ListExecutionsCommand({ stateMachineArn: sm.stateMachineArn, maxResults: 1001 })));
await t("Describe SM metadata", c.sfn.send(new SF.DescribeStateMachineCommand({ stateMachineArn: sm.stateMachineArn, includedData: "METADATA_ONLY" })));
await t("Validate bad json", c.sfn.send(new SF.ValidateStateMachineDefinitionCommand({ definition: "{nope" })));
await t("Validate seed", c.sfn.send(new SF.ValidateStateMachineDefinitionCommand({ definition: (await import("node:fs")).readFileSync("/work/shared/fixtures/seed-state-machine.asl.json", "utf8") })));
await t("Create express", c.sfn.send(new SF.CreateStateMachineCommand({ name: "exp", definition: '{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}', roleArn: ROLE, type: "EXPRESS" })));
await t("Create logging", c.sfn.send(new SF.CreateStateMachineCommand({ name: "lg", definition: '{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}', roleArn: ROLE, loggingConfiguration: { level: "OFF", includeExecutionData: false } })));
await t("Delete missing", c.sfn.send(new SF.DeleteStateMachineCommand({ stateMachineArn: "arn:aws:states:us-east-1:000000000000:stateMachine:nope" })));
await t("Stop done?", c.sfn.send(new SF.StopExecutionCommand({ executionArn: ex.executionArn })));
await t("Stop again", c.sfn.send(new SF.StopExecutionCommand({ executionArn: ex.executionArn })));
await t("Tag exec", c.sfn.send(new SF.TagResourceCommand({ resourceArn: ex.executionArn, tags: [{ key: "a", value: "b" }] })));
await t("Start input big", c.sfn.send(new SF.StartExecutionCommand({ stateMachineArn: sm.stateMachineArn, input: JSON.stringify({ a: "x".repeat(262144) }) })));
await t("Start input array", c.sfn.send(new SF.StartExecutionCommand({ stateMachineArn: sm.stateMachineArn, input: "[1,2]" })));
await t("Start input string", c.sfn.send(new SF.StartExecutionCommand({ stateMachineArn: sm.stateMachineArn, input: '"str"' })));
// Athena
const q = await c.athena.send(new AT.StartQueryExecutionCommand({ QueryString: "SELECT count(*) FROM auditlogs.aurora_audit_log a, auditlogs.aurora_audit_log b WHERE a.host = b.host", WorkGroup: "primary" }));
await t("GQR running", c.athena.send(new AT.GetQueryResultsCommand({ QueryExecutionId: q.QueryExecutionId })));
await t("GQE", c.athena.send(new AT.GetQueryExecutionCommand({ QueryExecutionId: q.QueryExecutionId })));
await t("no output loc", c.athena.send(new AT.StartQueryExecutionCommand({ QueryString: "SELECT 1" })));
const s = await c.athena.send(new AT.StartQueryExecutionCommand({ QueryString: "SHOW TABLES IN auditlogs" }));
await new Promise(r => setTimeout(r, 1500));
await t("GQE show", c.athena.send(new AT.GetQueryExecutionCommand({ QueryExecutionId: s.QueryExecutionId })));
await t("GQR show", c.athena.send(new AT.GetQueryResultsCommand({ QueryExecutionId: s.QueryExecutionId })));
const d = await c.athena.send(new AT.StartQueryExecutionCommand({ QueryString: "SELECT dt, count(*) c FROM aurora_audit_log GROUP BY dt ORDER BY dt", QueryExecutionContext: { Database: "auditlogs" } }));
await new Promise(r => setTimeout(r, 1500));
await t("GQR dt", c.athena.send(new AT.GetQueryResultsCommand({ QueryExecutionId: d.QueryExecutionId, MaxResults: 3 })));
await t("GQE bad id", c.athena.send(new AT.GetQueryExecutionCommand({ QueryExecutionId: "bad id with spaces" })));
await t("ListQueryExecutions", c.athena.send(new AT.ListQueryExecutionsCommand({ MaxResults: 3 })));
await t("ListWorkGroups max", c.athena.send(new AT.ListWorkGroupsCommand({ MaxResults: 1 })));
await t("ListDataCatalogs max1", c.athena.send(new AT.ListDataCatalogsCommand({ MaxResults: 1 })));
await t("ListDatabases", c.athena.send(new AT.ListDatabasesCommand({ CatalogName: "AwsDataCatalog", MaxResults: 1 })));
await t("ListTableMetadata expr", c.athena.send(new AT.ListTableMetadataCommand({ CatalogName: "AwsDataCatalog", DatabaseName: "auditlogs", Expression: "aurora*" })));
await t("Start wrong db", c.athena.send(new AT.StartQueryExecutionCommand({ QueryString: "SELECT 1 FROM aurora_audit_log", QueryExecutionContext: { Database: "nodb" } })));
await t("Start bad param count", c.athena.send(new AT.StartQueryExecutionCommand({ QueryString: "SELECT ?", ExecutionParameters: ["1", "2"] })));
