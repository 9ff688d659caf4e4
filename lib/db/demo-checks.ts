// The demo checks created on an empty database. The first reproduces the story the product grows out of: when the
// ECS task that uploads an Aurora cluster's audit logs to S3 stops cleanly, count administrator logins in the
// uploaded day; any is a finding. The table is auditlogs.aurora_audit_log (the emulator generates it; on AWS it is
// the Glue table over the uploaded logs): timestamp (bigint, µs), serverhost, username, host, connectionid, queryid,
// operation, database, object, retcode, partitioned by dt ('YYYY-MM-DD').
import type { Actor } from "@/lib/actor";
import type { CheckSpec } from "@/lib/checks/types";

export interface DemoContext {
  region: string;
  accountId: string;
  catalog: string;
  database: string;
  workgroup: string;
  outputLocation: string;
}

/** Who the demo checks are attributed to. */
export const DEMO_ACTOR: Actor = Object.freeze({ id: "demo-data", displayName: "Demo data" });

/** The Aurora cluster of the story; the log-upload task gets it as its container command. */
export const DEMO_CLUSTER_NAME = "prod-aurora-cluster";
/** The ECS cluster that runs the log-upload task. */
export const DEMO_ECS_CLUSTER_NAME = "audit-log-shipper";

// Each event value is used once: the CTE turns the two ExecutionParameters into named columns.
const ADMIN_LOGINS_SQL = `-- Administrator logins on the Aurora cluster whose audit logs were just uploaded,
-- in the day before the upload task stopped. Parameters (from the event):
--   1: the cluster name (the task's container command), 2: when the task stopped.
WITH params AS (
  SELECT ? AS cluster_name, from_iso8601_timestamp(?) AS window_end
)
SELECT count(*) AS admin_logins
FROM auditlogs.aurora_audit_log AS a
CROSS JOIN params AS p
WHERE a.dt BETWEEN date_format(p.window_end - interval '1' day, '%Y-%m-%d')
               AND date_format(p.window_end, '%Y-%m-%d')
  AND from_unixtime(a."timestamp" / 1000000) > p.window_end - interval '1' day
  AND from_unixtime(a."timestamp" / 1000000) <= p.window_end
  AND a.operation = 'CONNECT'
  AND a.username IN ('admin', 'rdsadmin')
  AND a.serverhost LIKE p.cluster_name || '%'`;

const FAILED_LOGINS_SQL = `-- Failed logins (MySQL error 1045: access denied) in the last hour, all clusters.
SELECT count(*) AS failed_logins
FROM auditlogs.aurora_audit_log
WHERE dt >= date_format(current_timestamp - interval '1' hour, '%Y-%m-%d')
  AND from_unixtime("timestamp" / 1000000) > current_timestamp - interval '1' hour
  AND (operation = 'FAILED_CONNECT' OR retcode = 1045)`;

const DDL_SQL = `-- Schema changes (CREATE / ALTER / DROP / RENAME) in the last day: each row is one statement to explain.
SELECT from_unixtime("timestamp" / 1000000) AS happened_at,
       serverhost, username, host, operation, database, object
FROM auditlogs.aurora_audit_log
WHERE dt >= date_format(current_timestamp - interval '1' day, '%Y-%m-%d')
  AND from_unixtime("timestamp" / 1000000) > current_timestamp - interval '1' day
  AND operation IN ('CREATE', 'ALTER', 'DROP', 'RENAME')
ORDER BY happened_at DESC
LIMIT 1000`;

/** The three demo checks, for the given account, region and Athena defaults. */
export function demoChecks(ctx: DemoContext): CheckSpec[] {
  const query = {
    catalog: ctx.catalog,
    database: ctx.database,
    workgroup: ctx.workgroup,
    outputLocation: ctx.outputLocation,
  };
  return [
    {
      name: "Aurora administrator logins",
      slug: "aurora-admin-logins",
      description:
        `Runs when the ECS task that uploads the audit logs of ${DEMO_CLUSTER_NAME} to S3 stops with exit code 0, ` +
        "and counts logins by the administrator users (admin, rdsadmin) in the day before. Nobody should log in as " +
        "an administrator: any login is a finding to explain.",
      sql: ADMIN_LOGINS_SQL,
      ...query,
      parameters: [
        { kind: "eventPath", path: "$.detail.overrides.containerOverrides[0].command[0]" },
        { kind: "eventPath", path: "$.time" },
      ],
      trigger: {
        kind: "eventPattern",
        pattern: {
          source: ["aws.ecs"],
          "detail-type": ["ECS Task State Change"],
          detail: {
            clusterArn: [`arn:aws:ecs:${ctx.region}:${ctx.accountId}:cluster/${DEMO_ECS_CLUSTER_NAME}`],
            lastStatus: ["STOPPED"],
            containers: { exitCode: [0] },
            overrides: { containerOverrides: { command: [DEMO_CLUSTER_NAME] } },
          },
        },
      },
      expectation: { kind: "firstValue", op: "eq", value: 0 },
      findingKeys: [],
      enabled: true,
    },
    {
      name: "Failed logins per hour",
      slug: "failed-logins-per-hour",
      description:
        "Every hour, counts failed logins (access denied) across the audited clusters. A few are typos; more than " +
        "5 in an hour looks like password guessing.",
      sql: FAILED_LOGINS_SQL,
      ...query,
      parameters: [],
      trigger: { kind: "schedule", expression: "rate(1 hour)" },
      expectation: { kind: "firstValue", op: "le", value: 5 },
      findingKeys: [],
      enabled: true,
    },
    {
      name: "DDL statements per day",
      slug: "ddl-statements-per-day",
      description:
        "Every day at 12:00 UTC, lists the schema changes of the last 24 hours. Schema changes go through reviewed " +
        "migrations, so each row should match one.",
      sql: DDL_SQL,
      ...query,
      parameters: [],
      trigger: { kind: "schedule", expression: "cron(0 12 * * ? *)" },
      expectation: { kind: "noRows" },
      findingKeys: [],
      enabled: true,
    },
  ];
}

/** The demo destination: a Slack destination posting to the emulator's local webhook receiver. */
export const DEMO_DESTINATION_NAME = "slack-demo";
/** The check it is attached to (the story's), for FAIL and ERROR, only when the verdict changes. */
export const DEMO_NOTIFIED_SLUG = "aurora-admin-logins";

export function demoDestinationUrl(emulatorPort: number): string {
  return `http://127.0.0.1:${emulatorPort}/_emulator/webhooks/${DEMO_DESTINATION_NAME}`;
}
