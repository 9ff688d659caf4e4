// The notification settings as the reconciler reads them: destinations with their secrets decrypted (they go only
// into AWS calls) and every check's notification rules. No "server-only": the background loop and tests use it.
import { createHmac } from "node:crypto";
import { listAllCheckNotifications } from "@/lib/db/check-notifications";
import { listDestinationsForReconcile, type DestinationWithSecrets } from "@/lib/db/notification-destinations";
import type { NotificationDestinationSpec } from "@/lib/reconcile/notification-desired";
import type { NotificationStore } from "@/lib/reconcile/notification-pass";
import { decryptSecret, secretsKey } from "./secrets";

/** A destination with its secrets decrypted, and a digest of them keyed with the secrets key (safe to show in AWS). */
export function destinationSpec(d: DestinationWithSecrets, key: Buffer = secretsKey()): NotificationDestinationSpec {
  const url = d.urlEncrypted ? decryptSecret(d.urlEncrypted, key) : null;
  const secretHeaderValue = d.secretHeaderEncrypted ? decryptSecret(d.secretHeaderEncrypted, key) : null;
  const secretDigest = createHmac("sha256", key)
    .update(`${url ?? ""}\u0000${d.secretHeaderName ?? ""}\u0000${secretHeaderValue ?? ""}`)
    .digest("hex")
    .slice(0, 16);
  return {
    id: d.id,
    name: d.name,
    kind: d.kind,
    url,
    topicArn: d.topicArn,
    secretHeaderName: d.secretHeaderName,
    secretHeaderValue,
    secretDigest,
  };
}

export const dbNotificationStore: NotificationStore = {
  async load() {
    const [destinations, rules] = await Promise.all([listDestinationsForReconcile(), listAllCheckNotifications()]);
    const key = destinations.length ? secretsKey() : Buffer.alloc(32);
    return {
      destinations: destinations.map((d) => destinationSpec(d, key)),
      rules: rules.map((r) => ({
        checkId: r.checkId,
        destinationId: r.destinationId,
        verdicts: r.verdicts,
        mode: r.mode,
      })),
    };
  },
};
