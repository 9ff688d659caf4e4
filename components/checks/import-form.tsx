"use client";
// Import checks as code in the browser: paste or upload YAML, see the plan `npm run checks -- plan` would print
// (field by field), then apply it. The plan is made again on the server when applying.
import { useState, useTransition } from "react";
import { applyImport, planImport, type ImportPlan } from "@/lib/actions/import";
import { failureMessage } from "@/lib/actions/result";
import type { AppliedItem, CodePlanItem, PlanNotice } from "@/lib/checks/code-plan";
import { Badge, type Tone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cardClass } from "@/components/ui/card";
import { Field, FieldErrorList, inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";

const ACTION: Record<CodePlanItem["action"], { label: string; tone: Tone }> = {
  create: { label: "create", tone: "green" },
  update: { label: "update", tone: "amber" },
  delete: { label: "delete", tone: "red" },
  conflict: { label: "conflict", tone: "red" },
  orphan: { label: "kept", tone: "gray" },
  noop: { label: "unchanged", tone: "gray" },
};

function PlanItem({ item, notices }: { item: CodePlanItem; notices: PlanNotice[] }) {
  const a = ACTION[item.action];
  return (
    <li className="px-4 py-3" data-testid="import-plan-item">
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone={a.tone}>{a.label}</Badge>
        <span className="font-mono text-sm font-medium break-all text-zinc-900">{item.slug}</span>
        <span className="font-mono text-xs break-all text-zinc-500">{item.sourcePath}</span>
      </div>
      {item.action === "conflict" ? <p className="mt-1 text-sm text-red-800">{item.message}</p> : null}
      {notices.map((n) => (
        <p key={n.message} className="mt-1 text-sm text-amber-800" data-testid="import-plan-notice">
          {n.message}
        </p>
      ))}
      {item.action === "orphan" ? (
        <p className="mt-1 text-sm text-zinc-600">
          Was imported from this source path and is not in this YAML any more; kept (an admin can delete it).
        </p>
      ) : null}
      {item.action === "update" ? (
        <dl className="mt-2 space-y-2">
          {item.changes.map((c) => (
            <div key={c.field}>
              <dt className="font-mono text-xs font-medium text-zinc-700">{c.field}</dt>
              <dd className="mt-0.5 overflow-x-auto rounded border border-zinc-200 font-mono text-xs leading-5">
                {c.before.split("\n").map((l, i) => (
                  <div key={`b${i}`} className="bg-red-50 px-2 whitespace-pre text-red-900">
                    − {l}
                  </div>
                ))}
                {c.after.split("\n").map((l, i) => (
                  <div key={`a${i}`} className="bg-emerald-50 px-2 whitespace-pre text-emerald-900">
                    + {l}
                  </div>
                ))}
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
    </li>
  );
}

export function ImportForm({ canPrune }: { canPrune: boolean }) {
  const [text, setText] = useState("");
  const [path, setPath] = useState("browser-import.yaml");
  const [prune, setPrune] = useState(false);
  const [adopt, setAdopt] = useState(false);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [result, setResult] = useState<ImportPlan | null>(null);
  const [applied, setApplied] = useState<AppliedItem[] | null>(null);
  const [pending, start] = useTransition();

  const input = () => ({ files: [{ path: path.trim(), text }], prune, adopt });
  const reset = () => {
    setResult(null);
    setApplied(null);
  };

  function run(kind: "plan" | "apply") {
    start(async () => {
      setFormError(null);
      const r = kind === "plan" ? await planImport(input()) : await applyImport(input());
      if (!r.ok) {
        setErrors(r.fieldErrors);
        setFormError(r.formError ?? (Object.keys(r.fieldErrors).length ? null : failureMessage(r)));
        setResult(null);
        return;
      }
      setErrors({});
      setResult(r.data);
      setApplied("applied" in r.data ? (r.data.applied as AppliedItem[]) : null);
    });
  }

  async function upload(file: File | undefined) {
    if (!file) return;
    setText(await file.text());
    setPath(file.name);
    reset();
  }

  const plan = result?.plan;
  const noticesOf = (i: CodePlanItem) =>
    plan?.notices.filter((n) => n.slug === i.slug && n.sourcePath === i.sourcePath) ?? [];
  // Unchanged checks are left out, unless the plan has something to say about them.
  const shown = plan?.items.filter((i) => i.action !== "noop" || noticesOf(i).length > 0) ?? [];
  const unchanged = (plan?.items.length ?? 0) - shown.length;
  const failed = applied?.filter((a) => a.error) ?? [];
  return (
    <div className="space-y-4">
      <div className={cardClass("space-y-4 p-4")}>
        <Field
          id="yaml"
          label="YAML"
          hint="One or more AuditCheck documents (apiVersion: audit-checks/v1), separated by ---."
          errors={errors["files.0.text"] ?? errors.files}
        >
          <textarea
            id="yaml"
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              reset();
            }}
            rows={14}
            spellCheck={false}
            className={inputClass(!!errors["files.0.text"], "font-mono text-xs leading-5")}
            placeholder={"apiVersion: audit-checks/v1\nkind: AuditCheck\nmetadata:\n  slug: …"}
          />
        </Field>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="upload" label="Or upload a file">
            <input
              id="upload"
              type="file"
              accept=".yaml,.yml,text/yaml"
              onChange={(e) => void upload(e.target.files?.[0])}
              className="block w-full text-sm text-zinc-700 file:mr-3 file:rounded-md file:border file:border-zinc-300 file:bg-white file:px-3 file:py-1.5 file:text-sm"
            />
          </Field>
          <Field
            id="source-path"
            label="Source path"
            hint="Shown on each check it creates; a later apply of another file never deletes these."
            errors={errors["files.0.path"]}
          >
            <input
              id="source-path"
              value={path}
              onChange={(e) => {
                setPath(e.target.value);
                reset();
              }}
              className={inputClass(!!errors["files.0.path"], "font-mono text-sm")}
            />
          </Field>
        </div>
        <div className="flex flex-wrap gap-x-6 gap-y-2 text-sm text-zinc-700">
          <label className="inline-flex items-center gap-2">
            <input
              type="checkbox"
              checked={adopt}
              onChange={(e) => {
                setAdopt(e.target.checked);
                reset();
              }}
            />
            Take over checks made in the browser with the same slug
          </label>
          {canPrune ? (
            <label className="inline-flex items-center gap-2">
              <input
                type="checkbox"
                checked={prune}
                onChange={(e) => {
                  setPrune(e.target.checked);
                  reset();
                }}
              />
              Delete checks imported from this source path that are not in this YAML
            </label>
          ) : null}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <Button onClick={() => run("plan")} disabled={pending || text.trim() === ""}>
            {pending && !plan ? "Planning…" : "Plan"}
          </Button>
          <Button
            variant="primary"
            onClick={() => run("apply")}
            disabled={pending || !plan || plan.changes === 0 || applied !== null}
          >
            {pending && plan ? "Applying…" : "Apply"}
          </Button>
          <FieldErrorList errors={formError ? [formError] : undefined} />
        </div>
      </div>

      {result?.problems.length ? (
        <Notice tone="error" title="The YAML has problems; nothing was planned.">
          <ul className="mt-1 space-y-0.5 font-mono text-xs" data-testid="import-problems">
            {result.problems.map((p) => (
              <li key={p} className="break-words">
                {p}
              </li>
            ))}
          </ul>
        </Notice>
      ) : null}

      {applied ? (
        <Notice
          tone={failed.length ? "error" : "success"}
          title={
            failed.length
              ? `${applied.length - failed.length} of ${applied.length} changes applied; ${failed.length} failed.`
              : `Applied ${applied.length} change${applied.length === 1 ? "" : "s"}.`
          }
        >
          {failed.length ? (
            <ul className="space-y-0.5">
              {failed.map((f) => (
                <li key={f.slug}>
                  <span className="font-mono">{f.slug}</span>: {f.error}
                </li>
              ))}
            </ul>
          ) : null}
        </Notice>
      ) : null}

      {plan ? (
        <section className={cardClass()} aria-label="Plan" data-testid="import-plan">
          <header className="border-b border-zinc-200 px-4 py-3">
            <h2 className="text-base font-medium text-zinc-900">{applied ? "What was planned" : "Plan"}</h2>
            <p className="mt-0.5 text-sm text-zinc-600" data-testid="import-summary">
              {plan.changes === 0 && plan.conflicts === 0
                ? `No changes: ${unchanged} check${unchanged === 1 ? "" : "s"} already match the YAML.`
                : `${count(plan.items, "create")} to create, ${count(plan.items, "update")} to change, ${count(plan.items, "delete")} to delete${plan.conflicts ? `, ${plan.conflicts} conflict${plan.conflicts === 1 ? "" : "s"}` : ""}; ${unchanged} unchanged.`}
            </p>
          </header>
          {shown.length ? (
            <ul className="divide-y divide-zinc-100">
              {shown.map((i) => (
                <PlanItem key={`${i.action}:${i.slug}`} item={i} notices={noticesOf(i)} />
              ))}
            </ul>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

const count = (items: CodePlanItem[], action: CodePlanItem["action"]) =>
  items.filter((i) => i.action === action).length;
