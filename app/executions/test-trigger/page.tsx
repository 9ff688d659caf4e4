import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { TestTriggerForm } from "@/components/executions/test-trigger-form";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { describeTrigger } from "@/lib/checks/trigger-summary";
import { getCheck } from "@/lib/db/checks";
import { canSendEvents, sampleEventFor } from "@/lib/executions/operations";
import { ecsSampleEvent } from "@/lib/executions/sample-event";
import { requirePage } from "@/lib/auth/guards";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Test trigger" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function TestTriggerPage({ searchParams }: Props) {
  await requirePage("testPattern");
  const raw = (await searchParams).check;
  const id = Array.isArray(raw) ? raw[0] : raw;
  const check = id ? await getCheck(id) : null;
  if (!check) notFound();

  const fitted = sampleEventFor(check);
  const failed = structuredClone(fitted) as { detail?: { containers?: { exitCode?: number }[] } };
  for (const c of failed.detail?.containers ?? []) c.exitCode = 1;
  const samples = [
    { id: "fitted", label: "ECS task stopped — fitted to this check", json: JSON.stringify(fitted, null, 2) },
    { id: "failed", label: "ECS task stopped with exit code 1", json: JSON.stringify(failed, null, 2) },
    {
      id: "original",
      label: "ECS task stopped — the published sample, as is",
      json: JSON.stringify(ecsSampleEvent(), null, 2),
    },
  ];

  return (
    <div className="space-y-4">
      <PageHeader
        title="Test trigger"
        back={{ href: `/checks/${check.id}`, label: check.name }}
        description={describeTrigger(check.trigger)}
      />
      {check.trigger.kind !== "eventPattern" ? (
        <Notice tone="info" title="This check runs on a schedule.">
          It has no event pattern to test; use Run now on its page to run it.
        </Notice>
      ) : (
        <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
          <Card aria-label="Event">
            <TestTriggerForm checkId={check.id} samples={samples} canSend={canSendEvents()} />
          </Card>
          <Card as="aside" className="space-y-2" aria-label="Pattern">
            <h2 className="text-sm font-semibold text-zinc-900">The check&apos;s event pattern</h2>
            <pre
              className="overflow-auto whitespace-pre-wrap break-all rounded bg-zinc-50 p-3 font-mono text-xs leading-5"
              data-testid="event-pattern"
            >
              {JSON.stringify(check.trigger.pattern, null, 2)}
            </pre>
            <p className="text-xs text-zinc-500">
              Arrays list accepted values; for an array of objects in the event (such as <code>containers</code>), one
              element matching is enough.
            </p>
          </Card>
        </div>
      )}
    </div>
  );
}
