// What integration tests need around a running emulator: SDK clients pointed at it, and an Athena query run to its
// end (the tests that read results start their own queries rather than go through the state machine).
import { GetQueryExecutionCommand, StartQueryExecutionCommand, type QueryExecution } from "@aws-sdk/client-athena";
import { createAwsClients, type AwsClients } from "@/lib/aws/create-clients";
import type { EmulatorProcess } from "./emulator-process";

/** The console's SDK clients, pointed at this emulator with dummy credentials. */
export function emulatorAwsClients(emu: EmulatorProcess): AwsClients {
  return createAwsClients({
    region: "us-east-1",
    endpoint: emu.url,
    credentials: { accessKeyId: "t", secretAccessKey: "t" },
  });
}

/** Starts `sql` in the `auditlogs` database and polls until it leaves QUEUED / RUNNING; answers its final state. */
export async function runAthenaQuery(aws: AwsClients, sql: string, outputLocation: string): Promise<QueryExecution> {
  const { QueryExecutionId } = await aws.athena.send(
    new StartQueryExecutionCommand({
      QueryString: sql,
      QueryExecutionContext: { Database: "auditlogs" },
      ResultConfiguration: { OutputLocation: outputLocation },
    }),
  );
  for (;;) {
    const q = (await aws.athena.send(new GetQueryExecutionCommand({ QueryExecutionId }))).QueryExecution!;
    if (q.Status?.State !== "QUEUED" && q.Status?.State !== "RUNNING") return q;
    await new Promise((r) => setTimeout(r, 50));
  }
}
