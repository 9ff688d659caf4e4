"use client";

import { usePathname, useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { buttonClass } from "@/components/ui/button";
import { cardClass } from "@/components/ui/card";
import { inputClass } from "@/components/ui/field";
import type { Verdict } from "@/lib/checks/execution-contract";
import { RANGES, STATUSES, TRIGGER_KINDS, VERDICTS, type RangePreset } from "@/lib/executions/filters";
import { STATUS_LABEL, TRIGGER_LABEL, VERDICT_LABEL } from "./badges";

interface Props {
  checks: { id: string; name: string }[];
  initial: {
    check: string;
    status: string;
    verdict: string;
    trigger: string;
    range: string;
    from: string;
    to: string;
    q: string;
    size: string;
  };
  pageSizes: readonly number[];
}

// The same field look as every other form (components/ui/field.tsx); each control gets a width so that
// the whole bar, buttons included, fits one row at 1440 px and wraps cleanly below that.
// A fixed height, because Chromium draws a select a little taller than a text input with the same padding.
const field = (width: string) => inputClass(false, `h-9 ${width}`);

const RANGE_LABEL: Record<RangePreset, string> = {
  "1h": "Last hour",
  "24h": "Last 24 hours",
  "7d": "Last 7 days",
  "30d": "Last 30 days",
};
const RANGE_PRESETS = Object.keys(RANGES) as RangePreset[];
const FAIL_OR_ERROR = (["FAIL", "ERROR"] satisfies Verdict[]).join(",");

function Options<T extends string>({ values, labels }: { values: readonly T[]; labels: Record<T, string> }) {
  return values.map((v) => (
    <option key={v} value={v}>
      {labels[v]}
    </option>
  ));
}

/** The filter bar: every change goes to the URL (and back to the first page), so a view can be shared or reloaded. */
export function ExecutionsFilters({ checks, initial, pageSizes }: Props) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const [state, setState] = useState(initial);

  const apply = (next: typeof state) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) {
      if (!v) continue;
      if (k === "size" && v === String(pageSizes[0])) continue;
      if ((k === "from" || k === "to") && next.range !== "custom") continue;
      if (k === "range" && v === "custom") continue;
      p.set(k, v);
    }
    const qs = p.toString();
    startTransition(() => router.push(qs ? `${pathname}?${qs}` : pathname));
  };

  const change = (key: keyof typeof state) => (e: { target: { value: string } }) => {
    const next = { ...state, [key]: e.target.value };
    setState(next);
    if (key !== "q" && key !== "from" && key !== "to") apply(next);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    apply(state);
  };

  const reset = () => {
    const cleared = {
      check: "",
      status: "",
      verdict: "",
      trigger: "",
      range: "",
      from: "",
      to: "",
      q: "",
      size: state.size,
    };
    setState(cleared);
    apply(cleared);
  };

  return (
    <form
      onSubmit={submit}
      aria-label="Filter executions"
      className={cardClass("flex flex-wrap items-end gap-x-3 gap-y-3 p-3")}
      aria-busy={pending}
    >
      <Labeled label="Execution name">
        <input
          type="search"
          name="q"
          value={state.q}
          onChange={change("q")}
          placeholder="e.g. admin-logins"
          className={field("w-48")}
        />
      </Labeled>
      <Labeled label="Check">
        <select name="check" value={state.check} onChange={change("check")} className={field("w-44")}>
          <option value="">All checks</option>
          {checks.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </Labeled>
      <Labeled label="Status">
        <select name="status" value={state.status} onChange={change("status")} className={field("w-28")}>
          <option value="">Any</option>
          <Options values={STATUSES} labels={STATUS_LABEL} />
        </select>
      </Labeled>
      <Labeled label="Verdict">
        <select name="verdict" value={state.verdict} onChange={change("verdict")} className={field("w-32")}>
          <option value="">Any</option>
          <Options values={VERDICTS} labels={VERDICT_LABEL} />
          <option value={FAIL_OR_ERROR}>Fail or error</option>
        </select>
      </Labeled>
      <Labeled label="Trigger">
        <select name="trigger" value={state.trigger} onChange={change("trigger")} className={field("w-28")}>
          <option value="">Any</option>
          <Options values={TRIGGER_KINDS} labels={TRIGGER_LABEL} />
        </select>
      </Labeled>
      <Labeled label="Started">
        <select name="range" value={state.range} onChange={change("range")} className={field("w-36")}>
          <option value="">Any time</option>
          <Options values={RANGE_PRESETS} labels={RANGE_LABEL} />
          <option value="custom">Between… (UTC)</option>
        </select>
      </Labeled>
      {state.range === "custom" ? (
        <>
          <Labeled label="From (UTC)">
            <input
              type="datetime-local"
              name="from"
              value={state.from}
              onChange={change("from")}
              className={field("w-52")}
            />
          </Labeled>
          <Labeled label="To (UTC)">
            <input type="datetime-local" name="to" value={state.to} onChange={change("to")} className={field("w-52")} />
          </Labeled>
        </>
      ) : null}
      <Labeled label="Per page">
        <select name="size" value={state.size} onChange={change("size")} className={field("w-20")}>
          {pageSizes.map((n) => (
            <option key={n} value={String(n)}>
              {n}
            </option>
          ))}
        </select>
      </Labeled>
      <div className="flex gap-2">
        <button type="submit" className={buttonClass("secondary", "h-9")}>
          Apply
        </button>
        <button type="button" onClick={reset} className={buttonClass("ghost", "h-9")}>
          Clear
        </button>
      </div>
    </form>
  );
}

function Labeled({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    // The caption carries the small medium-weight type: on the label it would leak into the control (preflight's font: inherit).
    <label className="flex flex-col gap-1">
      <span className="text-xs font-medium text-zinc-600">{label}</span>
      {children}
    </label>
  );
}
