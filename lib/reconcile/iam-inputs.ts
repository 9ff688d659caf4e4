// Gathers what buildIamPolicies needs in the console: the configuration, the checks (database), and the data
// location of every table they read (Athena GetTableMetadata; unknown locations become notes, never guesses).
import { GetTableMetadataCommand } from "@aws-sdk/client-athena";
import { awsClients } from "@/lib/aws/clients";
import { describeAwsError } from "@/lib/aws/errors";
import { listAllChecksForReconcile } from "@/lib/db/checks";
import { listDestinations } from "@/lib/db/notification-destinations";
import { env } from "@/lib/env";
import { reconcileConfigFromEnv } from "./config";
import { destinationResourceName } from "./notification-desired";
import { buildIamPolicies, type IamPolicies } from "./iam-policies";
import { tablesInSql } from "./sql-tables";

/** The policies for the running configuration; `problems` lists what could not be read (database, Athena). */
export async function currentIamPolicies(): Promise<IamPolicies & { problems: string[] }> {
  const problems: string[] = [];
  const defaults = {
    catalog: env.DEFAULT_CATALOG,
    database: env.DEFAULT_DATABASE,
    workgroup: env.DEFAULT_WORKGROUP,
    outputLocation: env.DEFAULT_OUTPUT_LOCATION,
  };
  let checks: Awaited<ReturnType<typeof listAllChecksForReconcile>> = [];
  try {
    checks = await listAllChecksForReconcile();
  } catch (error) {
    const last = (error instanceof Error ? error.message : String(error)).trim().split("\n").filter(Boolean).pop();
    problems.push(`Checks could not be read from the database (${last}); showing the defaults only.`);
  }
  const tableLocations = new Map<string, string>();
  const wanted = new Map<string, { catalog: string; database: string; table: string }>();
  for (const c of checks) {
    for (const t of tablesInSql(c.sql)) {
      const database = (t.database ?? c.database).toLowerCase();
      wanted.set(`${database}.${t.table.toLowerCase()}`, {
        catalog: t.catalog ?? c.catalog,
        database,
        table: t.table.toLowerCase(),
      });
    }
  }
  const { athena } = awsClients();
  await Promise.all(
    [...wanted.entries()].map(async ([key, t]) => {
      try {
        const r = await athena.send(
          new GetTableMetadataCommand({ CatalogName: t.catalog, DatabaseName: t.database, TableName: t.table }),
        );
        const location = r.TableMetadata?.Parameters?.location;
        if (location) tableLocations.set(key, location);
      } catch (error) {
        const e = describeAwsError(error);
        problems.push(`GetTableMetadata ${key}: ${e.code}: ${e.message}`);
      }
    }),
  );
  const config = reconcileConfigFromEnv();
  const notifications = { apiDestinationNames: [] as string[], snsTopicArns: [] as string[] };
  try {
    for (const d of await listDestinations()) {
      if (d.kind === "sns" && d.topicArn) notifications.snsTopicArns.push(d.topicArn);
      else if (d.kind !== "sns") notifications.apiDestinationNames.push(destinationResourceName(config, d.name));
    }
  } catch (error) {
    const last = (error instanceof Error ? error.message : String(error)).trim().split("\n").filter(Boolean).pop();
    problems.push(`Notification destinations could not be read from the database (${last}).`);
  }
  return { ...buildIamPolicies({ config, defaults, checks, tableLocations, notifications }), problems };
}
