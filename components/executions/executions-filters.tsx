"use client";

import { usePathname, useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { buttonClass } from "@/components/ui/button";

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

const selectClass = "h-8 rounded-md border border-zinc-300 bg-white pl-2 pr-7 text-sm shadow-xs focus:outline-2 focus:-outline-offset-1 focus:outline-blue-600";

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
    const cleared = { check: "", status: "", verdict: "", trigger: "", range: "", from: "", to: "", q: "", size: state.size };
    setState(cleared);
    apply(cleared);
  };

  return (
    <form onSubmit={submit} aria-label="Filter executions" className="flex flex-wrap items-end gap-3 rounded-lg border border-zinc-200 bg-white p-3 shadow-xs" aria-busy={pending}>
      <Labeled label="Execution name">
        <input type="search" name="q" value={state.q} onChange={change("q")} placeholder="e.g. aurora-admin-logins-manual" className={`${selectClass} w-60 pr-2`} />
      </Labeled>
      <Labeled label="Check">
        <select name="check" value={state.check} onChange={change("check")} className={`${selectClass} w-52`}>
          <option value="">All checks</option>
          {checks.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </Labeled>
      <Labeled label="Status">
        <select name="status" value={state.status} onChange={change("status")} className={selectClass}>
          <option value="">Any</option>
          <option value="RUNNING">Running</option>
          <option value="SUCCEEDED">Succeeded</option>
          <option value="FAILED">Failed</option>
          <option value="TIMED_OUT">Timed out</option>
          <option value="ABORTED">Stopped</option>
        </select>
      </Labeled>
      <Labeled label="Verdict">
        <select name="verdict" value={state.verdict} onChange={change("verdict")} className={selectClass}>
          <option value="">Any</option>
          <option value="PASS">Pass</option>
          <option value="FAIL">Fail</option>
          <option value="ERROR">Error</option>
          <option value="FAIL,ERROR">Fail or error</option>
        </select>
      </Labeled>
      <Labeled label="Trigger">
        <select name="trigger" value={state.trigger} onChange={change("trigger")} className={selectClass}>
          <option value="">Any</option>
          <option value="event">Event</option>
          <option value="schedule">Schedule</option>
          <option value="manual">Run now</option>
          <option value="rerun">Rerun</option>
        </select>
      </Labeled>
      <Labeled label="Started">
        <select name="range" value={state.range} onChange={change("range")} className={selectClass}>
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
            <input type="datetime-local" name="from" value={state.from} onChange={change("from")} className={`${selectClass} pr-2`} />
          </Labeled>
          <Labeled label="To (UTC)">
            <input type="datetime-local" name="to" value={state.to} onChange={change("to")} className={`${selectClass} pr-2`} />
          </Labeled>
        </>
      ) : null}
      <Labeled label="Per page">
        <select name="size" value={state.size} onChange={change("size")} className={selectClass}>
          {pageSizes.map((n) => (
            <option key={n} value={String(n)}>
              {n}
            </option>
          ))}
        </select>
      </Labeled>
      <div className="flex gap-2">
        <button type="submit" className={buttonClass("secondary", "h-8")}>
          Apply
        </button>
        <button type="button" onClick={reset} className={buttonClass("ghost", "h-8")}>
          Clear
        </button>
      </div>
    </form>
  );
}

function Labeled({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <label className="flex flex-col gap-1 text-xs font-medium text-zinc-600">
      {label}
      {children}
    </label>
  );
}
