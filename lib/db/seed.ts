// Start-up seeding: the demo checks, only into an empty database (an operator's data is never touched).
import { env } from "@/lib/env";
import { countChecks, createCheck } from "./checks";
import { DEMO_ACTOR, demoChecks } from "./demo-checks";
import { UniqueViolationError } from "./errors";

/** Creates the demo checks when there are no checks at all; returns how many were created. */
export async function seedDemoChecksIfEmpty(): Promise<number> {
  if ((await countChecks()) > 0) return 0;
  const specs = demoChecks({
    region: env.AWS_REGION,
    accountId: env.AWS_ACCOUNT_ID,
    catalog: env.DEFAULT_CATALOG,
    database: env.DEFAULT_DATABASE,
    workgroup: env.DEFAULT_WORKGROUP,
    outputLocation: env.DEFAULT_OUTPUT_LOCATION,
  });
  let created = 0;
  for (const spec of specs) {
    try {
      await createCheck(spec, DEMO_ACTOR);
      created++;
    } catch (error) {
      // Another process seeding the same database at the same moment got there first.
      if (!(error instanceof UniqueViolationError)) throw error;
    }
  }
  return created;
}
