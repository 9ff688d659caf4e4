"use client";

import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState, useTransition } from "react";
import { createCheckAction, updateCheckAction } from "@/lib/actions/checks";
import type { FieldErrors } from "@/lib/checks/schema";
import { recognizeEcsStoppedPattern } from "@/lib/checks/ecs-pattern";
import { checkSpecSchema, fieldErrorsFrom, type CheckDraft } from "@/lib/checks/schema";
import { maxSlugLength, slugFromName } from "@/lib/checks/slug";
import { countPlaceholders } from "@/lib/checks/sql-placeholders";
import { Button, ButtonLink } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { CodeEditor } from "./code-editor";
import { ExpectationEditor } from "./expectation-editor";
import { ParametersEditor } from "./parameters-editor";
import { ecsFieldErrors, ecsPatternText, type EcsFields } from "@/lib/checks/ecs-builder";
import { TriggerEditor, type TriggerMode } from "./trigger-editor";

export interface CheckFormProps {
  mode: "create" | "edit";
  checkId?: string;
  version?: number;
  initial: CheckDraft;
  rulePrefix: string;
  /** Server time (ISO) so the first render of the schedule preview matches on both sides. */
  now: string;
}

const EMPTY_ECS: EcsFields = { clusterArn: "", command: "", exitCode: "0" };

function initialTrigger(initial: CheckDraft): {
  mode: TriggerMode;
  ecs: EcsFields;
  patternText: string;
  expression: string;
} {
  if (initial.trigger.kind === "schedule")
    return { mode: "schedule", ecs: EMPTY_ECS, patternText: "", expression: initial.trigger.expression };
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(initial.trigger.patternText);
  } catch {
    parsed = null;
  }
  const ecs = recognizeEcsStoppedPattern(parsed);
  if (ecs) {
    return {
      mode: "ecs",
      ecs: {
        clusterArn: ecs.clusterArn,
        command: ecs.command ?? "",
        exitCode: ecs.exitCode === null ? "" : String(ecs.exitCode),
      },
      patternText: initial.trigger.patternText,
      expression: "",
    };
  }
  return { mode: "pattern", ecs: EMPTY_ECS, patternText: initial.trigger.patternText, expression: "" };
}

/** Which touched-area an error path belongs to (errors show once that area was edited, or after Save). */
function areaOf(path: string): string {
  const head = path.split(".")[0] ?? "";
  return head === "parameters" ? "sql" : head;
}

function Section({ title, description, children }: { title: string; description?: string; children: React.ReactNode }) {
  return (
    <section className="rounded-lg border border-zinc-200 bg-white p-5 shadow-xs">
      <h2 className="text-base font-semibold text-zinc-900">{title}</h2>
      {description ? <p className="mt-0.5 text-sm text-zinc-500">{description}</p> : null}
      <div className="mt-4 space-y-4">{children}</div>
    </section>
  );
}

/** Create / edit form. Validates as you type with the same schema as the server; a refused save keeps every input. */
export function CheckForm({ mode, checkId, version, initial, rulePrefix, now }: CheckFormProps) {
  const router = useRouter();
  const start = useMemo(() => initialTrigger(initial), [initial]);
  const [base, setBase] = useState<CheckDraft>(initial);
  const [triggerMode, setTriggerMode] = useState<TriggerMode>(start.mode);
  const [ecs, setEcs] = useState<EcsFields>(start.ecs);
  const [patternText, setPatternText] = useState(start.patternText);
  const [expression, setExpression] = useState(start.expression);
  const [slugEdited, setSlugEdited] = useState(mode === "edit");
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const [clock, setClock] = useState(() => new Date(now));
  const attempt = useRef(0);
  const [attemptCount, setAttemptCount] = useState(0);

  useEffect(() => {
    const t = setInterval(() => setClock(new Date()), 30_000);
    return () => clearInterval(t);
  }, []);

  const schema = useMemo(() => checkSpecSchema({ rulePrefix }), [rulePrefix]);

  const draft: CheckDraft = useMemo(
    () => ({
      ...base,
      trigger:
        triggerMode === "schedule"
          ? { kind: "schedule", expression }
          : { kind: "eventPattern", patternText: triggerMode === "ecs" ? ecsPatternText(ecs) : patternText },
    }),
    [base, triggerMode, expression, ecs, patternText],
  );

  const clientErrors = useMemo(() => {
    const r = schema.safeParse(draft);
    return r.success ? {} : fieldErrorsFrom(r.error);
  }, [schema, draft]);
  const builderErrors = triggerMode === "ecs" ? ecsFieldErrors(ecs) : {};

  const visible = (path: string): string[] | undefined => {
    const fromClient = submitted || touched.has(areaOf(path)) ? (clientErrors[path] ?? []) : [];
    const fromServer = serverErrors[path] ?? [];
    const all = [...new Set([...fromClient, ...fromServer])];
    return all.length > 0 ? all : undefined;
  };
  const errorsFor = (prefix: string) => {
    const out: Record<string, string[] | undefined> = {};
    for (const k of new Set([...Object.keys(clientErrors), ...Object.keys(serverErrors)]))
      if (k === prefix || k.startsWith(`${prefix}.`)) out[k] = visible(k);
    return out;
  };

  const touch = (area: string) => {
    setTouched((t) => (t.has(area) ? t : new Set(t).add(area)));
    // A server error about this area is stale once the operator changes it.
    setServerErrors((e) => {
      const keys = Object.keys(e).filter((k) => areaOf(k) === area || (area === "name" && k === "slug"));
      if (keys.length === 0) return e;
      const copy = { ...e };
      for (const k of keys) delete copy[k];
      return copy;
    });
  };

  const update = <K extends keyof CheckDraft>(key: K, value: CheckDraft[K]) => {
    setBase((d) => {
      const next = { ...d, [key]: value };
      if (key === "name" && !slugEdited) next.slug = slugFromName(String(value), rulePrefix);
      return next;
    });
    touch(String(key));
  };

  // Leaving the page with unsaved input asks first (a refused save must never cost the operator their work).
  const dirty = touched.size > 0;
  useEffect(() => {
    if (!dirty || pending) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty, pending]);

  useEffect(() => {
    if (attemptCount === 0) return;
    const first = document.querySelector("[data-field-error], [data-form-error]");
    first?.scrollIntoView({ block: "center", behavior: "smooth" });
  }, [attemptCount]);

  const onSubmit = (e: React.FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    setFormError(null);
    attempt.current += 1;
    if (Object.keys(clientErrors).length > 0 || Object.keys(builderErrors).length > 0) {
      setAttemptCount(attempt.current);
      return;
    }
    startTransition(async () => {
      const result =
        mode === "create"
          ? await createCheckAction({ draft })
          : await updateCheckAction({ id: checkId ?? "", expectedVersion: version ?? 0, draft });
      if (!result.ok) {
        setServerErrors(result.fieldErrors);
        setFormError(
          result.formError ??
            (Object.keys(result.fieldErrors).length > 0
              ? "The check was not saved. Fix the fields marked below."
              : null),
        );
        setAttemptCount(attempt.current);
        return;
      }
      const q = new URLSearchParams({
        saved: mode === "create" ? "created" : "updated",
        sync: result.data.reconcile.status,
        note: result.data.reconcile.message,
      });
      router.push(`/checks/${result.data.id}?${q.toString()}`);
    });
  };

  const placeholders = countPlaceholders(base.sql);
  const triggerErrors = {
    pattern: visible("trigger.patternText"),
    expression: visible("trigger.expression"),
  };

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6" aria-busy={pending}>
      {formError ? (
        <div data-form-error>
          <Notice tone="error" title="Not saved">
            {formError}
            {mode === "edit" && checkId ? (
              <>
                {" "}
                <a href={`/checks/${checkId}`} target="_blank" rel="noreferrer" className="font-medium underline">
                  Open the saved version in a new tab
                </a>
              </>
            ) : null}
          </Notice>
        </div>
      ) : null}

      <Section title="Check">
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
              mode === "edit" && base.slug !== initial.slug
                ? " · Changing it replaces the check's EventBridge rule."
                : ""
            }`}
            errors={visible("slug")}
          >
            <input
              id="slug"
              className={inputClass(!!visible("slug"), "font-mono")}
              value={base.slug}
              spellCheck={false}
              onChange={(e) => {
                setSlugEdited(true);
                update("slug", e.target.value);
              }}
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
      </Section>

      <Section title="Query" description="Athena SQL (Trino). Use ? for values that come from parameters.">
        <Field id="sql" label="SQL" errors={visible("sql")}>
          <CodeEditor
            id="sql"
            language="sql"
            label="SQL"
            value={base.sql}
            onChange={(v) => update("sql", v)}
            invalid={!!visible("sql")}
            minHeight="10rem"
          />
        </Field>
        <div>
          <p className="text-sm font-medium text-zinc-800">Parameters</p>
          <div className="mt-1.5">
            <ParametersEditor
              parameters={base.parameters}
              onChange={(p) => update("parameters", p)}
              placeholders={placeholders}
              errors={errorsFor("parameters")}
            />
          </div>
        </div>
      </Section>

      <Section title="Trigger" description="When the check runs.">
        <TriggerEditor
          mode={triggerMode}
          onModeChange={(m) => {
            setTriggerMode(m);
            // Opening the raw editor from the builder starts from the builder's pattern, so nothing is retyped.
            if (m === "pattern" && triggerMode === "ecs" && ecs.clusterArn.trim() !== "")
              setPatternText(ecsPatternText(ecs));
          }}
          ecs={ecs}
          onEcsChange={(f) => {
            setEcs(f);
            touch("trigger");
          }}
          ecsErrors={submitted || touched.has("trigger") ? builderErrors : {}}
          patternText={patternText}
          onPatternTextChange={(t) => {
            setPatternText(t);
            touch("trigger");
          }}
          expression={expression}
          onExpressionChange={(x) => {
            setExpression(x);
            touch("trigger");
          }}
          patternErrors={triggerErrors.pattern}
          expressionErrors={triggerErrors.expression}
          now={clock}
        />
      </Section>

      <Section title="Expectation" description="What a passing run returns.">
        <ExpectationEditor
          value={base.expectation}
          onChange={(e) => update("expectation", e)}
          errors={errorsFor("expectation")}
        />
      </Section>

      <Section title="Where the query runs">
        <div className="grid gap-4 md:grid-cols-3">
          <Field id="catalog" label="Data catalog" errors={visible("catalog")}>
            <input
              id="catalog"
              className={inputClass(!!visible("catalog"), "font-mono")}
              value={base.catalog}
              onChange={(e) => update("catalog", e.target.value)}
              spellCheck={false}
            />
          </Field>
          <Field id="database" label="Database" errors={visible("database")}>
            <input
              id="database"
              className={inputClass(!!visible("database"), "font-mono")}
              value={base.database}
              onChange={(e) => update("database", e.target.value)}
              spellCheck={false}
            />
          </Field>
          <Field id="workgroup" label="Workgroup" errors={visible("workgroup")}>
            <input
              id="workgroup"
              className={inputClass(!!visible("workgroup"), "font-mono")}
              value={base.workgroup}
              onChange={(e) => update("workgroup", e.target.value)}
              spellCheck={false}
            />
          </Field>
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
      </Section>

      <div className="sticky bottom-0 -mx-6 flex items-center justify-end gap-3 border-t border-zinc-200 bg-zinc-50/95 px-6 py-3 backdrop-blur">
        {submitted && Object.keys(clientErrors).length + Object.keys(builderErrors).length > 0 ? (
          <p className="mr-auto text-sm text-red-700">Fix the fields marked in red, then save.</p>
        ) : null}
        <ButtonLink href={mode === "edit" && checkId ? `/checks/${checkId}` : "/checks"} variant="ghost">
          Cancel
        </ButtonLink>
        <Button type="submit" variant="primary" disabled={pending}>
          {pending ? "Saving…" : mode === "create" ? "Create check" : "Save changes"}
        </Button>
      </div>
    </form>
  );
}
