"use client";

import type { ParameterLiteral } from "@/lib/checks/parameter-preview";
import type { CheckDraft } from "@/lib/checks/schema";
import { Button } from "@/components/ui/button";
import { FieldErrorList, inputClass } from "@/components/ui/field";

type ParameterDraft = CheckDraft["parameters"][number];

function move<T>(list: T[], from: number, to: number): T[] {
  const copy = [...list];
  const [item] = copy.splice(from, 1);
  if (item !== undefined) copy.splice(to, 0, item);
  return copy;
}

/** The ordered parameters: the n-th ? in the query receives parameter n. */
export function ParametersEditor({
  parameters,
  onChange,
  placeholders,
  errors,
  resolved,
}: {
  parameters: ParameterDraft[];
  onChange: (p: ParameterDraft[]) => void;
  placeholders: number;
  errors: Record<string, string[] | undefined>;
  /** The literal each parameter gives for the sample event (the query runner's), in the same order. */
  resolved?: ParameterLiteral[];
}) {
  const set = (i: number, p: ParameterDraft) => onChange(parameters.map((x, j) => (j === i ? p : x)));
  return (
    <div className="space-y-3">
      <p className="text-sm text-zinc-600">
        Values for the query&apos;s <code className="rounded bg-zinc-100 px-1 font-mono">?</code> placeholders, in
        order. They go to Athena as execution parameters and are never pasted into the SQL text. The query has{" "}
        <span data-testid="placeholder-count" className="font-medium tabular-nums">
          {placeholders}
        </span>{" "}
        placeholder{placeholders === 1 ? "" : "s"}.
      </p>
      {parameters.length > 0 ? (
        <ol className="space-y-2">
          {parameters.map((p, i) => {
            const valueErrors = p.kind === "literal" ? errors[`parameters.${i}.value`] : errors[`parameters.${i}.path`];
            return (
              <li key={i} data-testid={`parameter-${i}`} className="rounded-md border border-zinc-200 bg-white p-2.5">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="w-8 shrink-0 text-right font-mono text-xs text-zinc-500 tabular-nums">?{i + 1}</span>
                  <select
                    aria-label={`Parameter ${i + 1} kind`}
                    className={inputClass(false, "w-40 shrink-0")}
                    value={p.kind}
                    onChange={(e) =>
                      set(
                        i,
                        e.target.value === "literal"
                          ? { kind: "literal", value: p.kind === "literal" ? p.value : "" }
                          : { kind: "eventPath", path: p.kind === "eventPath" ? p.path : "$." },
                      )
                    }
                  >
                    <option value="literal">Literal value</option>
                    <option value="eventPath">From the event</option>
                  </select>
                  <input
                    aria-label={`Parameter ${i + 1} ${p.kind === "literal" ? "value" : "event path"}`}
                    className={inputClass(!!valueErrors, "min-w-48 flex-1 font-mono")}
                    value={p.kind === "literal" ? p.value : p.path}
                    placeholder={
                      p.kind === "literal"
                        ? "'admin'  ·  42  ·  DATE '2026-01-31'"
                        : "$.detail.overrides.containerOverrides[0].command[0]"
                    }
                    spellCheck={false}
                    onChange={(e) =>
                      set(
                        i,
                        p.kind === "literal"
                          ? { kind: "literal", value: e.target.value }
                          : { kind: "eventPath", path: e.target.value },
                      )
                    }
                  />
                  <div className="flex shrink-0 gap-1">
                    <Button
                      variant="ghost"
                      aria-label={`Move parameter ${i + 1} up`}
                      disabled={i === 0}
                      onClick={() => onChange(move(parameters, i, i - 1))}
                    >
                      ↑
                    </Button>
                    <Button
                      variant="ghost"
                      aria-label={`Move parameter ${i + 1} down`}
                      disabled={i === parameters.length - 1}
                      onClick={() => onChange(move(parameters, i, i + 1))}
                    >
                      ↓
                    </Button>
                    <Button
                      variant="ghost"
                      aria-label={`Remove parameter ${i + 1}`}
                      onClick={() => onChange(parameters.filter((_, j) => j !== i))}
                    >
                      Remove
                    </Button>
                  </div>
                </div>
                <div className="pl-10">
                  <FieldErrorList errors={valueErrors} />
                  {resolved?.[i] && !valueErrors ? <ResolvedLiteral r={resolved[i]} index={i} /> : null}
                </div>
              </li>
            );
          })}
        </ol>
      ) : null}
      <FieldErrorList id="parameters-error" errors={errors.parameters} />
      <Button onClick={() => onChange([...parameters, { kind: "literal", value: "" }])}>Add parameter</Button>
    </div>
  );
}

/** What the parameter's ? receives for the sample event, or why it receives nothing. */
function ResolvedLiteral({ r, index }: { r: ParameterLiteral; index: number }) {
  return r.ok ? (
    <p className="mt-1 text-xs text-zinc-600" data-testid={`parameter-${index}-literal`}>
      ?{index + 1} receives{" "}
      <code className="rounded bg-emerald-50 px-1 font-mono text-emerald-900 wrap-anywhere">{r.literal}</code>
    </p>
  ) : (
    <p className="mt-1 text-xs text-amber-800" data-testid={`parameter-${index}-literal`} data-unresolved>
      <span aria-hidden>⚠ </span>
      {r.problem}
    </p>
  );
}
