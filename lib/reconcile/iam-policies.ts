// The IAM policies this configuration needs, generated from the configuration and the checks (pure):
// - the events role (rule targets assume it): states:StartExecution on the one state machine;
// - the state machine role: Athena on the workgroups in use, Glue read-only on the catalog / databases / tables
//   the checks read, S3 read on those tables' data and write on the result locations, events:PutEvents on the
//   default bus, dynamodb:UpdateItem on the verdict table;
// - the console's own identity: the rule and state machine APIs on its own prefix / name, the verdict table's
//   lifecycle on that one table, and PassRole of the two.
// Contrast: the published policy allowed s3:CreateBucket on every bucket and Glue create/delete on every database.
import type { Check } from "@/lib/checks/types";
import { stateMachineArn, verdictTableArn, type ReconcileConfig } from "./config";
import { tablesInSql } from "./sql-tables";

export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: Array<{
    Sid: string;
    Effect: "Allow";
    Action: string[];
    Resource: string[];
    Condition?: Record<string, Record<string, string | string[]>>;
  }>;
}

export interface TrustPolicy {
  Version: "2012-10-17";
  Statement: Array<{
    Effect: "Allow";
    Principal: { Service: string };
    Action: "sts:AssumeRole";
    Condition?: Record<string, Record<string, string>>;
  }>;
}

export interface IamPolicies {
  eventsRole: { roleArn: string; policy: PolicyDocument; trust: TrustPolicy };
  stateMachineRole: { roleArn: string; policy: PolicyDocument; trust: TrustPolicy };
  console: { policy: PolicyDocument };
  /** Things the generator could not pin down, in words (e.g. a table whose data location is unknown). */
  notes: string[];
}

export interface IamInput {
  config: ReconcileConfig;
  defaults: { catalog: string; database: string; workgroup: string; outputLocation: string };
  checks: Array<Pick<Check, "sql" | "catalog" | "database" | "workgroup" | "outputLocation">>;
  /** `database.table` (lower case) → its data location (s3://bucket/prefix/), where known (Athena GetTableMetadata). */
  tableLocations?: Map<string, string>;
  /** The notification wiring: API destination names (webhook / Slack destinations) and SNS topics in use. */
  notifications?: { apiDestinationNames: string[]; snsTopicArns: string[] };
}

function s3Parts(uri: string): { bucket: string; prefix: string } | null {
  const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri.trim());
  if (!m) return null;
  const prefix = m[2]!.replace(/\/?$/, m[2] ? "/" : "");
  return { bucket: m[1]!, prefix };
}

const sorted = (xs: Iterable<string>) => [...new Set(xs)].sort();

function s3Statements(sid: string, uris: string[], write: boolean, partition: string): PolicyDocument["Statement"] {
  const parts = uris.map(s3Parts).filter((p): p is { bucket: string; prefix: string } => p !== null);
  if (parts.length === 0) return [];
  const objectActions = write
    ? ["s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"]
    : ["s3:GetObject"];
  const out: PolicyDocument["Statement"] = [
    {
      Sid: `${sid}Objects`,
      Effect: "Allow",
      Action: objectActions,
      Resource: sorted(parts.map((p) => `arn:${partition}:s3:::${p.bucket}/${p.prefix}*`)),
    },
  ];
  const buckets = sorted(parts.map((p) => p.bucket));
  for (const bucket of buckets) {
    const prefixes = sorted(parts.filter((p) => p.bucket === bucket).map((p) => `${p.prefix}*`));
    const everything = prefixes.includes("*");
    out.push({
      Sid: `${sid}Bucket${buckets.length > 1 ? buckets.indexOf(bucket) + 1 : ""}`,
      Effect: "Allow",
      Action: ["s3:GetBucketLocation", "s3:ListBucket", ...(write ? ["s3:ListBucketMultipartUploads"] : [])],
      Resource: [`arn:${partition}:s3:::${bucket}`],
      ...(everything ? {} : { Condition: { StringLike: { "s3:prefix": prefixes } } }),
    });
  }
  return out;
}

/** The policies for this configuration and these checks (deterministic: same input, same documents). */
export function buildIamPolicies(input: IamInput): IamPolicies {
  const { config, defaults } = input;
  const p = config.partition;
  const region = config.region;
  const account = config.accountId;
  const notes: string[] = [];
  const smArn = stateMachineArn(config);
  const checks = input.checks.length ? input.checks : [{ sql: "", ...defaults }];

  const workgroups = sorted([defaults.workgroup, ...checks.map((c) => c.workgroup)]);
  const catalogs = sorted(checks.map((c) => c.catalog || defaults.catalog));
  const outputs = sorted([defaults.outputLocation, ...checks.map((c) => c.outputLocation)]);

  // Tables per check; a check whose SQL names none gets its whole database (read-only).
  const tables = new Set<string>();
  const databases = new Set<string>();
  for (const c of checks) {
    const refs = tablesInSql(c.sql);
    const database = (c.database || defaults.database).toLowerCase();
    if (refs.length === 0) {
      databases.add(database);
      tables.add(`${database}/*`);
      if (c.sql) notes.push(`No table found in one check's SQL: Glue read covers every table of database ${database}.`);
      continue;
    }
    for (const r of refs) {
      const db = (r.database ?? database).toLowerCase();
      databases.add(db);
      tables.add(`${db}/${r.table.toLowerCase()}`);
    }
  }

  const dataLocations: string[] = [];
  for (const t of sorted(tables)) {
    if (t.endsWith("/*")) {
      notes.push(
        `S3 data of database ${t.slice(0, -2)}: locations unknown for "every table"; grant s3:GetObject on them by hand if those checks need it.`,
      );
      continue;
    }
    const loc = input.tableLocations?.get(t.replace("/", "."));
    if (loc) dataLocations.push(loc);
    else
      notes.push(
        `Table ${t.replace("/", ".")}: its data location is unknown (Athena GetTableMetadata did not say), so no S3 read is granted for it.`,
      );
  }
  if (input.checks.length === 0)
    notes.push("No checks yet: the policy covers the default workgroup, database and result location only.");

  const glueCatalog = `arn:${p}:glue:${region}:${account}:catalog`;
  const stateMachinePolicy: PolicyDocument = {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "RunQueries",
        Effect: "Allow",
        Action: [
          "athena:StartQueryExecution",
          "athena:GetQueryExecution",
          "athena:GetQueryResults",
          "athena:StopQueryExecution",
        ],
        Resource: workgroups.map((w) => `arn:${p}:athena:${region}:${account}:workgroup/${w}`),
      },
      {
        Sid: "ReadDataCatalog",
        Effect: "Allow",
        Action: ["athena:GetDataCatalog"],
        Resource: catalogs.map((c) => `arn:${p}:athena:${region}:${account}:datacatalog/${c}`),
      },
      {
        Sid: "ReadTableDefinitions",
        Effect: "Allow",
        Action: [
          "glue:GetDatabase",
          "glue:GetTable",
          "glue:GetPartition",
          "glue:GetPartitions",
          "glue:BatchGetPartition",
        ],
        Resource: [
          glueCatalog,
          ...sorted(databases).map((d) => `arn:${p}:glue:${region}:${account}:database/${d}`),
          ...sorted(tables).map((t) => `arn:${p}:glue:${region}:${account}:table/${t}`),
        ],
      },
      ...s3Statements("ReadTableData", dataLocations, false, p),
      ...s3Statements("WriteQueryResults", outputs, true, p),
      {
        Sid: "PublishCompletedEvents",
        Effect: "Allow",
        Action: ["events:PutEvents"],
        Resource: [`arn:${p}:events:${region}:${account}:event-bus/default`],
      },
      {
        Sid: "RememberVerdicts",
        Effect: "Allow",
        Action: ["dynamodb:UpdateItem"],
        Resource: [verdictTableArn(config)],
      },
    ],
  };
  notes.push(
    "Lake Formation: only if it governs these tables, add lakeformation:GetDataAccess (that action has no resource-level permissions).",
  );

  const apiDestinations = sorted(input.notifications?.apiDestinationNames ?? []);
  const topics = sorted(input.notifications?.snsTopicArns ?? []);
  const eventsPolicy: PolicyDocument = {
    Version: "2012-10-17",
    Statement: [
      { Sid: "StartTheRunner", Effect: "Allow", Action: ["states:StartExecution"], Resource: [smArn] },
      // Notification rules' API destination targets run as this role (their ARN ends in a generated id).
      ...(apiDestinations.length
        ? [
            {
              Sid: "InvokeNotificationApiDestinations",
              Effect: "Allow" as const,
              Action: ["events:InvokeApiDestination"],
              Resource: apiDestinations.map((n) => `arn:${p}:events:${region}:${account}:api-destination/${n}/*`),
            },
          ]
        : []),
      ...(topics.length
        ? [{ Sid: "PublishNotifications", Effect: "Allow" as const, Action: ["sns:Publish"], Resource: topics }]
        : []),
    ],
  };
  if (topics.length)
    notes.push(
      `SNS topics (${topics.join(", ")}): EventBridge publishes to an SNS target under the topic's access policy, not a role — each topic's policy must allow the principal events.amazonaws.com sns:Publish (condition aws:SourceArn = the notification rules, arn:${p}:events:${region}:${account}:rule/${config.rulePrefix}notify*).`,
    );

  const ruleArns = `arn:${p}:events:${region}:${account}:rule/${config.rulePrefix}*`;
  const consolePolicy: PolicyDocument = {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "ManageRulesWithThePrefix",
        Effect: "Allow",
        Action: [
          "events:DescribeRule",
          "events:PutRule",
          "events:DeleteRule",
          "events:ListTargetsByRule",
          "events:PutTargets",
          "events:RemoveTargets",
          "events:TagResource",
          "events:ListTagsForResource",
        ],
        Resource: [ruleArns],
      },
      {
        Sid: "ListRules",
        Effect: "Allow",
        Action: [
          "events:ListRules",
          "events:TestEventPattern",
          "events:ListConnections",
          "events:ListApiDestinations",
          "cloudwatch:GetMetricData",
        ],
        Resource: ["*"],
      },
      {
        Sid: "ManageNotificationConnections",
        Effect: "Allow",
        Action: [
          "events:CreateConnection",
          "events:DescribeConnection",
          "events:UpdateConnection",
          "events:DeleteConnection",
          "events:CreateApiDestination",
          "events:DescribeApiDestination",
          "events:UpdateApiDestination",
          "events:DeleteApiDestination",
        ],
        Resource: [
          `arn:${p}:events:${region}:${account}:connection/${config.rulePrefix}*`,
          `arn:${p}:events:${region}:${account}:api-destination/${config.rulePrefix}*`,
        ],
      },
      {
        // EventBridge keeps a connection's credentials in a Secrets Manager secret it creates as the caller.
        Sid: "ConnectionSecrets",
        Effect: "Allow",
        Action: [
          "secretsmanager:CreateSecret",
          "secretsmanager:UpdateSecret",
          "secretsmanager:DeleteSecret",
          "secretsmanager:GetSecretValue",
          "secretsmanager:PutSecretValue",
        ],
        Resource: [`arn:${p}:secretsmanager:${region}:${account}:secret:events!connection/${config.rulePrefix}*`],
      },
      {
        Sid: "SendNotificationTests",
        Effect: "Allow",
        Action: ["events:PutEvents"],
        Resource: [`arn:${p}:events:${region}:${account}:event-bus/default`],
      },
      {
        Sid: "ManageTheRunner",
        Effect: "Allow",
        Action: [
          "states:DescribeStateMachine",
          "states:CreateStateMachine",
          "states:UpdateStateMachine",
          "states:TagResource",
          "states:ListTagsForResource",
          "states:StartExecution",
          "states:ListExecutions",
        ],
        Resource: [smArn],
      },
      {
        Sid: "ReadAndStopRuns",
        Effect: "Allow",
        Action: ["states:DescribeExecution", "states:GetExecutionHistory", "states:StopExecution"],
        Resource: [`arn:${p}:states:${region}:${account}:execution:${config.stateMachineName}:*`],
      },
      {
        Sid: "ValidateDefinitions",
        Effect: "Allow",
        Action: ["states:ValidateStateMachineDefinition"],
        Resource: ["*"],
      },
      {
        Sid: "ReadQueryResults",
        Effect: "Allow",
        Action: ["athena:GetQueryExecution", "athena:GetQueryResults", "athena:GetTableMetadata"],
        Resource: [
          ...workgroups.map((w) => `arn:${p}:athena:${region}:${account}:workgroup/${w}`),
          ...catalogs.map((c) => `arn:${p}:athena:${region}:${account}:datacatalog/${c}`),
        ],
      },
      ...s3Statements("ReadQueryResultFiles", outputs, false, p),
      {
        Sid: "ManageTheVerdictTable",
        Effect: "Allow",
        Action: [
          "dynamodb:DescribeTable",
          "dynamodb:CreateTable",
          "dynamodb:UpdateTable",
          "dynamodb:DeleteTable",
          "dynamodb:TagResource",
          "dynamodb:ListTagsOfResource",
        ],
        Resource: [verdictTableArn(config)],
      },
      {
        Sid: "PassTheTwoRoles",
        Effect: "Allow",
        Action: ["iam:PassRole"],
        Resource: sorted([config.stateMachineRoleArn, config.eventsRoleArn]),
        Condition: { StringEquals: { "iam:PassedToService": ["states.amazonaws.com", "events.amazonaws.com"] } },
      },
      {
        // The AWS preflight (npm run doctor, Settings): the two roles' trust and what their policies allow.
        Sid: "PreflightTheTwoRoles",
        Effect: "Allow",
        Action: ["iam:GetRole", "iam:SimulatePrincipalPolicy"],
        Resource: sorted([config.stateMachineRoleArn, config.eventsRoleArn]),
      },
      {
        Sid: "PreflightWorkgroupsAndDatabases",
        Effect: "Allow",
        Action: ["athena:GetWorkGroup", "athena:GetDatabase"],
        Resource: [
          ...workgroups.map((w) => `arn:${p}:athena:${region}:${account}:workgroup/${w}`),
          ...catalogs.map((c) => `arn:${p}:athena:${region}:${account}:datacatalog/${c}`),
        ],
      },
    ],
  };

  const trust = (service: string, sourceArn: string): TrustPolicy => ({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: service },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:SourceAccount": account }, ArnLike: { "aws:SourceArn": sourceArn } },
      },
    ],
  });

  return {
    eventsRole: { roleArn: config.eventsRoleArn, policy: eventsPolicy, trust: trust("events.amazonaws.com", ruleArns) },
    stateMachineRole: {
      roleArn: config.stateMachineRoleArn,
      policy: stateMachinePolicy,
      trust: trust("states.amazonaws.com", smArn),
    },
    console: { policy: consolePolicy },
    notes,
  };
}
