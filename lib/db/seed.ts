// Start-up seeding: the demo checks, only into an empty database (an operator's data is never touched).
import { env } from "@/lib/env";
import { countChecks, createCheck } from "./checks";
import { DEFAULT_NOTIFY_MODE, DEFAULT_NOTIFY_VERDICTS } from "@/lib/notifications/schema";
import { encryptSecret, maskUrl } from "@/lib/notifications/secrets";
import { prisma } from "./client";
import { setCheckNotifications } from "./check-notifications";
import { DEMO_ACTOR, DEMO_DESTINATION_NAME, DEMO_NOTIFIED_SLUG, demoChecks, demoDestinationUrl } from "./demo-checks";
import { createDestination } from "./notification-destinations";
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

/**
 * Emulator mode, no destination yet, and the story's demo check exists: the Slack destination `slack-demo` posting
 * to the emulator's receiver, attached to that check for FAIL and ERROR, only when the verdict changes. True when
 * it was created.
 */
export async function seedDemoNotificationsIfEmpty(emulatorPort: number): Promise<boolean> {
  if (env.ACC_AWS_MODE !== "emulator") return false;
  if ((await prisma().notificationDestination.count()) > 0) return false;
  const check = await prisma().check.findUnique({ where: { slug: DEMO_NOTIFIED_SLUG }, select: { id: true } });
  if (!check) return false;
  const url = demoDestinationUrl(emulatorPort);
  try {
    const destination = await createDestination(
      {
        name: DEMO_DESTINATION_NAME,
        kind: "slack",
        urlEncrypted: encryptSecret(url),
        urlMasked: maskUrl(url),
        topicArn: null,
        secretHeaderName: null,
        secretHeaderEncrypted: null,
      },
      DEMO_ACTOR,
    );
    await setCheckNotifications(
      check.id,
      [{ destinationId: destination.id, verdicts: [...DEFAULT_NOTIFY_VERDICTS], mode: DEFAULT_NOTIFY_MODE }],
      DEMO_ACTOR,
    );
    return true;
  } catch (error) {
    // Another process seeding at the same moment got there first.
    if ((error as { field?: string }).field === "name") return false;
    throw error;
  }
}
