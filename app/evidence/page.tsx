// The evidence export: choose checks and a period, download one zip for an auditor (see lib/evidence/export.ts).
// A plain GET form: the browser downloads the zip as the route streams it; bad input comes back here with the
// message beside the field.
import type { Metadata } from "next";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/guards";
import { fieldErrorsFrom } from "@/lib/checks/schema";
import { listCheckSummaries } from "@/lib/db/checks";
import { evidenceRequestFrom, MAX_EXPORT_DAYS } from "@/lib/evidence/export";

export const metadata: Metadata = { title: "Evidence export" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

export default async function EvidencePage({ searchParams }: Props) {
  await requirePage("exportEvidence");
  const raw = await searchParams;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(raw)) for (const one of [v ?? []].flat()) params.append(k, one);
  const checks = await listCheckSummaries();
  const today = new Date();
  const ninetyDaysAgo = new Date(today.getTime() - 89 * 86_400_000);
  const chosen = new Set(params.getAll("check"));
  const from = params.get("from") ?? isoDay(ninetyDaysAgo);
  const to = params.get("to") ?? isoDay(today);
  const invalid = params.get("invalid") === "1";
  const parsed = invalid ? evidenceRequestFrom(params) : null;
  const errors = parsed && !parsed.success ? fieldErrorsFrom(parsed.error) : {};
  const unknownChecks = invalid && parsed?.success ? ["One of the chosen checks no longer exists."] : undefined;
  const checkErrors = errors.checkIds ?? Object.entries(errors).find(([k]) => k.startsWith("checkIds."))?.[1];

  return (
    <div className="space-y-6">
      <PageHeader title="Evidence export">
        <p className="mt-1 max-w-3xl text-sm text-zinc-600">
          One zip for an auditor: for each chosen check, its definition at every generation in force during the period,
          every run (time, trigger, who, verdict, first value, cost), the rows kept of each run, and a manifest with the
          SHA-256 of every file. Exports are recorded in the audit trail.
        </p>
      </PageHeader>
      <form method="get" action="/evidence/export.zip" className="space-y-6" data-testid="evidence-form">
        <Card title="Checks">
          {checks.length === 0 ? (
            <p className="text-sm text-zinc-500">There are no checks yet.</p>
          ) : (
            <fieldset aria-describedby={checkErrors ? "checks-error" : undefined}>
              <legend className="sr-only">Checks to export</legend>
              <ul className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
                {checks.map((c) => (
                  <li key={c.id}>
                    <label className="flex items-start gap-2 rounded-md border border-zinc-200 px-3 py-2 text-sm hover:bg-zinc-50">
                      <input
                        type="checkbox"
                        name="check"
                        value={c.id}
                        defaultChecked={chosen.has(c.id)}
                        className="mt-0.5"
                      />
                      <span className="min-w-0">
                        <span className="block truncate font-medium text-zinc-900">{c.name}</span>
                        <span className="block truncate font-mono text-xs text-zinc-500">{c.slug}</span>
                      </span>
                    </label>
                  </li>
                ))}
              </ul>
              {checkErrors || unknownChecks ? (
                <p id="checks-error" role="alert" className="mt-2 text-sm text-red-700">
                  {(checkErrors ?? unknownChecks)![0]}
                </p>
              ) : null}
            </fieldset>
          )}
        </Card>
        <Card title="Period">
          <div className="flex flex-wrap items-start gap-4">
            <Field id="from" label="First day (UTC)" errors={errors.from}>
              <input id="from" name="from" type="date" defaultValue={from} className={inputClass(!!errors.from)} />
            </Field>
            <Field id="to" label="Last day (UTC), included" errors={errors.to}>
              <input id="to" name="to" type="date" defaultValue={to} className={inputClass(!!errors.to)} />
            </Field>
          </div>
          <p className="mt-2 text-xs text-zinc-500">
            Runs started within these days. At most {MAX_EXPORT_DAYS.toLocaleString("en-US")} days per package.
          </p>
        </Card>
        {invalid && Object.keys(errors).length === 0 && !unknownChecks ? (
          <Notice tone="error">The export could not start; check the choices above.</Notice>
        ) : null}
        <button type="submit" className={buttonClass("primary")} data-testid="evidence-download">
          Download evidence (zip)
        </button>
      </form>
    </div>
  );
}
