"use client";

import { usePathname, useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";

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
      className="flex flex-wrap items-end gap-x-3 gap-y-3 rounded-lg border border-zinc-200 bg-white p-3 shadow-xs"
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
          <option value="RUNNING">Running</option>
          <option value="SUCCEEDED">Succeeded</option>
          <option value="FAILED">Failed</option>
          <option value="TIMED_OUT">Timed out</option>
          <option value="ABORTED">Stopped</option>
        </select>
      </Labeled>
      <Labeled label="Verdict">
        <select name="verdict" value={state.verdict} onChange={change("verdict")} className={field("w-32")}>
          <option value="">Any</option>
          <option value="PASS">Pass</option>
          <option value="FAIL">Fail</option>
          <option value="ERROR">Error</option>
          <option value="FAIL,ERROR">Fail or error</option>
        </select>
      </Labeled>
      <Labeled label="Trigger">
        <select name="trigger" value={state.trigger} onChange={change("trigger")} className={field("w-28")}>
          <option value="">Any</option>
          <option value="event">Event</option>
          <option value="schedule">Schedule</option>
          <option value="manual">Run now</option>
          <option value="rerun">Rerun</option>
        </select>
      </Labeled>
      <Labeled label="Started">
        <select name="range" value={state.range} onChange={change("range")} className={field("w-36")}>
          <option value="">Any time</option>
          <option value="1h">Last hour</option>
          <option value="24h">Last 24 hours</option>
          <option value="7d">Last 7 days</option>
          <option value="30d">Last 30 days</option>
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
