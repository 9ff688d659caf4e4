// The check page's Notifications panel: who hears of this check's verdicts, how each delivery went in the last
// 24 h, and (operators) the editor.
import { Link } from "@/components/ui/link";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { currentUser } from "@/lib/auth/current-user";
import { canSetCheckNotifications } from "@/lib/auth/permissions";
import type { Check } from "@/lib/checks/types";
import { listCheckNotifications } from "@/lib/db/check-notifications";
import { listDestinations } from "@/lib/db/notification-destinations";
import { ruleHealthOrError } from "@/lib/notifications/delivery";
import { reconcileConfigFromEnv } from "@/lib/reconcile/config";
import { notificationRuleName } from "@/lib/reconcile/notification-desired";
import { CheckNotificationsEditor } from "./check-notifications-editor";
import { RulesHealthTable } from "./rules-health-table";

export async function CheckNotifications({ check }: { check: Pick<Check, "id" | "slug"> }) {
  const [rules, destinations, user] = await Promise.all([
    listCheckNotifications(check.id),
    listDestinations(),
    currentUser(),
  ]);
  const config = reconcileConfigFromEnv();
  const ruleNames = new Map(
    rules.map((r) => [r.id, notificationRuleName(config, check.slug, check.id, r.destinationId)]),
  );
  const { health, error } = await ruleHealthOrError([...ruleNames.values()]);
  return (
    <Card
      title="Notifications"
      titleId="check-notifications"
      aria-labelledby="check-notifications"
      description={
        <>
          Delivered by AWS from the run&apos;s completed event; destinations are managed on{" "}
          <Link href="/notifications" className="text-blue-700 hover:underline">
            Notifications
          </Link>
          .
        </>
      }
    >
      <div className="space-y-3">
        {error ? <Notice tone="warning">{error}</Notice> : null}
        {rules.length ? (
          <RulesHealthTable rules={rules} ruleNames={ruleNames} health={error ? null : health} showCheck={false} />
        ) : (
          <p className="text-sm text-zinc-600">This check notifies nobody.</p>
        )}
        {canSetCheckNotifications(user) ? (
          <CheckNotificationsEditor
            checkId={check.id}
            initial={rules.map((r) => ({ destinationId: r.destinationId, verdicts: r.verdicts, mode: r.mode }))}
            destinations={destinations.map((d) => ({ id: d.id, name: d.name, kind: d.kind }))}
          />
        ) : null}
      </div>
    </Card>
  );
}
