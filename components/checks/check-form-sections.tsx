"use client";

import { useEffect, useState } from "react";
import { maxSlugLength } from "@/lib/checks/slug";
import { MAX_SQL_BYTES, utf8Bytes } from "@/lib/checks/schema";
import { SNAPSHOT_DEFAULTS } from "@/lib/checks/types";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, inputClass } from "@/components/ui/field";
import { SchemaBrowser } from "@/components/workbench/schema-browser";
import { RUNNABLE_EDITOR_EXTENSIONS } from "@/components/workbench/use-query-run";
import { QueryRunnerPanel, SampleEventPicker, useCheckQueryRunner, type QueryRunnerConfig } from "./check-query-runner";
import { CodeEditor } from "./code-editor";
import { ExpectationEditor } from "./expectation-editor";
import { ParametersEditor } from "./parameters-editor";
import { TriggerEditor } from "./trigger-editor";
import type { CheckDraftState } from "./use-check-draft";
import { formatNumber } from "@/lib/number-format";

type SectionProps = { d: CheckDraftState };

function FormSection({
  title,
  description,
  children,
}: {
  title: string;
  description?: string;
  children: React.ReactNode;
}) {
  return (
    <Card title={title} description={description} bodyClassName="mt-4 space-y-4">
      {children}
    </Card>
  );
}

/** Name, slug, description and the enabled switch. */
export function IdentitySection({ d }: SectionProps) {
  const { base, update, visible, mode, initial, rulePrefix } = d;
  return (
    <FormSection title="Check">
      <div className="grid gap-4 md:grid-cols-2">
        <Field id="name" label="Name" hint="Any language; must be unique." errors={visible("name")}>
          <input
            id="name"
            className={inputClass(!!visible("name"))}
            value={base.name}
            onChange={(e) => update("name", e.target.value)}
            maxLength={200}
          />
        </Field>
        <Field
          id="slug"
          label="Slug"
          hint={`Rule name: ${rulePrefix}${base.slug || "<slug>"} · A–Z, 0–9, - and _, at most ${maxSlugLength(rulePrefix)}${
            mode === "edit" && base.slug !== initial.slug ? " · Changing it replaces the check's EventBridge rule." : ""
          }`}
          errors={visible("slug")}
        >
          <input
            id="slug"
            className={inputClass(!!visible("slug"), "font-mono")}
            value={base.slug}
            spellCheck={false}
            onChange={(e) => d.editSlug(e.target.value)}
          />
        </Field>
      </div>
      <Field
        id="description"
        label="Description"
        hint="Optional: what a failure means and who to tell."
        errors={visible("description")}
      >
        <textarea
          id="description"
          rows={2}
          className={inputClass(!!visible("description"), "field-sizing-content min-h-16 max-h-64")}
          value={base.description}
          onChange={(e) => update("description", e.target.value)}
        />
      </Field>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={base.enabled}
          onChange={(e) => update("enabled", e.target.checked)}
          className="h-4 w-4 accent-zinc-900"
        />
        Enabled <span className="text-zinc-500">— a disabled check keeps its rule but the rule does not fire.</span>
      </label>
    </FormSection>
  );
}

/**
 * The SQL and the values of its placeholders; with `runner` (an operator may run queries), the query runs from here
 * against a sample event, with the schema browser beside the editor.
 */
export function QuerySection({ d, runner }: SectionProps & { runner: QueryRunnerConfig | null }) {
  const { base, update, visible } = d;
  const r = useCheckQueryRunner(d, runner);
  // Taken out of the runner: a ref callback read off an object makes React's linter treat the object as a ref.
  const { setEditorBox } = r.q;
  const hasEventParameter = base.parameters.some((p) => p.kind === "eventPath");
  return (
    <FormSection title="Query" description="Athena SQL (Trino). Use ? for values that come from parameters.">
      <div
        className={r.enabled ? "grid gap-4 md:grid-cols-[minmax(0,1fr)_13rem] lg:grid-cols-[minmax(0,1fr)_15rem]" : ""}
      >
        <div className="min-w-0 space-y-4">
          <Field id="sql" label="SQL" errors={visible("sql")} hint={<SqlSize sql={base.sql} />}>
            <div ref={setEditorBox}>
              <CodeEditor
                id="sql"
                language="sql"
                label="SQL"
                value={base.sql}
                onChange={(v) => update("sql", v)}
                invalid={!!visible("sql")}
                minHeight="10rem"
                completion={r.enabled ? r.completion : undefined}
                extensions={r.enabled ? RUNNABLE_EDITOR_EXTENSIONS : undefined}
                onCreateEditor={r.q.onCreateEditor}
              />
            </div>
          </Field>
          <div>
            <p className="text-sm font-medium text-zinc-800">Parameters</p>
            <div className="mt-1.5">
              <ParametersEditor
                parameters={base.parameters}
                onChange={(p) => update("parameters", p)}
                placeholders={d.placeholders}
                errors={d.errorsFor("parameters")}
                resolved={r.enabled ? r.resolved.each : undefined}
              />
            </div>
          </div>
          {r.enabled && (hasEventParameter || d.trigger.mode !== "schedule") ? (
            <SampleEventPicker r={r} schedule={d.trigger.mode === "schedule"} />
          ) : null}
          <QueryRunnerPanel r={r} d={d} />
        </div>
        {r.enabled ? (
          <aside className="min-w-0">
            <SchemaBrowser
              defaultCatalog={base.catalog || "AwsDataCatalog"}
              defaultDatabase={base.database || "default"}
              onInsert={r.q.insert}
              onTablesLoaded={r.setTables}
            />
          </aside>
        ) : null}
      </div>
    </FormSection>
  );
}

/** The query's size against Athena's limit, beside the field, so a refusal is never a surprise. */
function SqlSize({ sql }: { sql: string }) {
  const bytes = utf8Bytes(sql);
  const over = bytes > MAX_SQL_BYTES;
  return (
    <span data-testid="sql-size" className={over ? "font-medium text-red-700" : undefined}>
      {formatKib(bytes)} of {formatKib(MAX_SQL_BYTES)} (Athena&apos;s limit for one query)
    </span>
  );
}

function formatKib(bytes: number): string {
  return `${formatNumber(bytes / 1024, { maximumFractionDigits: 1 })} KiB`;
}

/** When the check runs. `now` is the server's time, so the first render of the schedule preview matches. */
export function TriggerSection({ d, now }: SectionProps & { now: string }) {
  const [clock, setClock] = useState(() => new Date(now));
  useEffect(() => {
    const t = setInterval(() => setClock(new Date()), 30_000);
    return () => clearInterval(t);
  }, []);
  const { trigger } = d;
  return (
    <FormSection title="Trigger" description="When the check runs.">
      <TriggerEditor
        mode={trigger.mode}
        onModeChange={trigger.setMode}
        ecs={trigger.ecs}
        onEcsChange={trigger.setEcs}
        ecsErrors={trigger.ecsErrors}
        patternText={trigger.patternText}
        onPatternTextChange={trigger.setPatternText}
        expression={trigger.expression}
        onExpressionChange={trigger.setExpression}
        patternErrors={d.visible("trigger.patternText")}
        expressionErrors={d.visible("trigger.expression")}
        now={clock}
      />
    </FormSection>
  );
}

/** What a passing run returns. */
export function ExpectationSection({ d }: SectionProps) {
  return (
    <FormSection title="Expectation" description="What a passing run returns.">
      <ExpectationEditor
        value={d.base.expectation}
        onChange={(e) => d.update("expectation", e)}
        errors={d.errorsFor("expectation")}
      />
      <Field
        id="findingKeys"
        label="Finding keys"
        hint="Result columns that identify one finding, separated by commas (e.g. username, host). Each run's rows are then followed as new, still open and resolved findings. Leave empty to keep no findings."
        errors={d.visible("findingKeys")}
      >
        <input
          id="findingKeys"
          className={inputClass(!!d.visible("findingKeys"), "font-mono")}
          value={d.base.findingKeys ?? ""}
          onChange={(e) => d.update("findingKeys", e.target.value)}
          spellCheck={false}
          autoComplete="off"
        />
      </Field>
    </FormSection>
  );
}

const LOCATION_FIELDS = [
  { key: "catalog", label: "Data catalog" },
  { key: "database", label: "Database" },
  { key: "workgroup", label: "Workgroup" },
] as const;

/** Athena's catalog, database, workgroup and output location. */
export function LocationSection({ d }: SectionProps) {
  const { base, update, visible } = d;
  return (
    <FormSection title="Where the query runs">
      <div className="grid gap-4 md:grid-cols-3">
        {LOCATION_FIELDS.map(({ key, label }) => (
          <Field key={key} id={key} label={label} errors={visible(key)}>
            <input
              id={key}
              className={inputClass(!!visible(key), "font-mono")}
              value={base[key]}
              onChange={(e) => update(key, e.target.value)}
              spellCheck={false}
            />
          </Field>
        ))}
      </div>
      <Field
        id="outputLocation"
        label="Output location"
        hint="The S3 folder Athena writes results to, e.g. s3://my-bucket/athena-results/."
        errors={visible("outputLocation")}
      >
        <input
          id="outputLocation"
          className={inputClass(!!visible("outputLocation"), "font-mono")}
          value={base.outputLocation}
          onChange={(e) => update("outputLocation", e.target.value)}
          spellCheck={false}
        />
      </Field>
    </FormSection>
  );
}

const SNAPSHOT_FIELDS = [
  {
    key: "maxRows",
    label: "Rows kept per run",
    hint: `Empty: ${SNAPSHOT_DEFAULTS.maxRows.toLocaleString("en-US")}. A longer result is cut, and the cut is shown.`,
  },
  { key: "maxMegabytes", label: "Megabytes kept per run", hint: `Empty: ${SNAPSHOT_DEFAULTS.maxMegabytes} MB.` },
  { key: "retentionDays", label: "Keep snapshots for (days)", hint: "Empty: forever." },
] as const;

/** How much of each run's result the console keeps, and how long (advanced; folded unless set or wrong). */
export function SnapshotSection({ d }: SectionProps) {
  const { base, update, visible } = d;
  const policy = base.snapshotPolicy ?? { maxRows: "", maxMegabytes: "", retentionDays: "" };
  const open = SNAPSHOT_FIELDS.some((f) => policy[f.key] !== "" || visible(`snapshotPolicy.${f.key}`));
  return (
    <FormSection title="Result snapshots">
      <details open={open} className="text-sm">
        <summary className="cursor-pointer text-zinc-700">
          Advanced: how many rows of each run the console keeps, and for how long
        </summary>
        <div className="mt-4 grid gap-4 md:grid-cols-3">
          {SNAPSHOT_FIELDS.map(({ key, label, hint }) => (
            <Field key={key} id={`snapshot-${key}`} label={label} hint={hint} errors={visible(`snapshotPolicy.${key}`)}>
              <input
                id={`snapshot-${key}`}
                inputMode="numeric"
                className={inputClass(!!visible(`snapshotPolicy.${key}`), "w-40 tabular-nums")}
                value={policy[key]}
                onChange={(e) => update("snapshotPolicy", { ...policy, [key]: e.target.value })}
              />
            </Field>
          ))}
        </div>
      </details>
    </FormSection>
  );
}

/** The bar that stays at the window's bottom: what blocks the save, Cancel and Save. */
export function SaveBar({ d, checkId, pending }: SectionProps & { checkId?: string; pending: boolean }) {
  return (
    <div className="sticky bottom-0 -mx-6 flex items-center justify-end gap-3 border-t border-zinc-200 bg-zinc-50/95 px-6 py-3 backdrop-blur">
      {d.submitted && d.invalid ? (
        <p className="mr-auto text-sm text-red-700">Fix the fields marked in red, then save.</p>
      ) : null}
      <ButtonLink href={d.mode === "edit" && checkId ? `/checks/${checkId}` : "/checks"} variant="ghost">
        Cancel
      </ButtonLink>
      <Button type="submit" variant="primary" disabled={pending}>
        {pending ? "Saving…" : d.mode === "create" ? "Create check" : "Save changes"}
      </Button>
    </div>
  );
}
