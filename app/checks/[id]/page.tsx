import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { CheckActions } from "@/components/checks/check-actions";
import { CheckRuns } from "@/components/executions/check-runs";
import { CheckSpecView } from "@/components/checks/check-spec-view";
import { EnabledBadge } from "@/components/checks/enabled-badge";
import { SourceBadge } from "@/components/checks/source-badge";
import { SavedNotice } from "@/components/checks/saved-notice";
import { CheckSyncBadge } from "@/components/reconcile/sync-status-badge";
import { PageHeader } from "@/components/ui/page-header";
import { describeTrigger } from "@/lib/checks/trigger-summary";
import { getCheck } from "@/lib/db/checks";
import { DEFAULT_TREND_RANGE, TREND_RANGES, type TrendRange } from "@/lib/db/executions";
import { requirePage } from "@/lib/auth/guards";
import { CheckHistory } from "@/components/audit/check-history";
import { CheckFindingsPanel } from "@/components/findings/findings-panel";
import { CheckNotifications } from "@/components/notifications/check-notifications";

export const dynamic = "force-dynamic";

// One read per request, shared by the title and the page.
const loadCheck = cache(getCheck);

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const check = await loadCheck((await params).id);
  return { title: check?.name ?? "Check not found" };
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function CheckPage({ params, searchParams }: Props) {
  await requirePage("readChecks");
  const [{ id }, sp] = await Promise.all([params, searchParams]);
  const check = await loadCheck(id);
  if (!check) notFound();
  const requested = one(sp.range);
  const range: TrendRange = requested && requested in TREND_RANGES ? (requested as TrendRange) : DEFAULT_TREND_RANGE;
  return (
    <div className="space-y-6">
      <PageHeader
        title={check.name}
        back={{ href: "/checks", label: "Checks" }}
        description={describeTrigger(check.trigger)}
        actionsAlign="start"
        fill
        actions={<CheckActions id={check.id} name={check.name} version={check.version} enabled={check.enabled} />}
      >
        <div className="mt-2 flex flex-wrap items-center gap-2">
          <EnabledBadge enabled={check.enabled} />
          <CheckSyncBadge check={check} />
          <span className="font-mono text-xs text-zinc-500">{check.slug}</span>
          <SourceBadge sourcePath={check.sourcePath} showPath />
        </div>
      </PageHeader>
      <SavedNotice saved={one(sp.saved)} sync={one(sp.sync)} note={one(sp.note)} />
      <CheckSpecView check={check} now={new Date()} />
      <CheckRuns
        check={check}
        range={range}
        hrefFor={(r) =>
          `/checks/${check.id}?${new URLSearchParams({ ...(r === DEFAULT_TREND_RANGE ? {} : { range: r }) })}`
        }
      />
      <CheckFindingsPanel checkId={check.id} findingKeys={check.findingKeys} />
      <CheckNotifications check={check} />
      <CheckHistory checkId={check.id} />
    </div>
  );
}
