"use client";

import { useEffect, useMemo, useState } from "react";
import { recentTriggerEventsAction, sampleTriggerEventAction } from "@/lib/actions/query";
import { failureMessage } from "@/lib/actions/result";
import { wouldBeVerdict } from "@/lib/checks/expectation";
import { parameterLiterals } from "@/lib/checks/parameter-preview";
import { countPlaceholders } from "@/lib/checks/sql-placeholders";
import { expectationOfDraft } from "@/lib/checks/schema";
import { formatUtcShort } from "@/components/executions/time";
import { MAX_QUERY_BYTES, queryBytes } from "@/lib/workbench/run-status";
import { completionSchema } from "@/lib/workbench/schema-types";
import { VerdictBadge } from "@/components/executions/badges";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { CostGuard } from "@/components/workbench/cost-guard";
import { QueryRunView } from "@/components/workbench/query-run-view";
import type { LoadedTable } from "@/components/workbench/schema-browser";
import { useQueryRun } from "@/components/workbench/use-query-run";
import type { SqlCompletionSchema } from "./code-editor";
import type { CheckDraftState } from "./use-check-draft";

type JsonObject = Record<string, unknown>;
interface PickableEvent {
  label: string;
  event: JsonObject;
  startedAt?: string;
}

/** Where the sample event comes from: what the trigger would send, one pasted, or a recent execution's (its index). */
type EventSource = { kind: "trigger" } | { kind: "pasted" } | { kind: "execution"; index: number };

export interface QueryRunnerConfig {
  pageSize: number;
  pageSizes: readonly number[];
  /** The check's id when editing (its recent executions' events are offered). */
  checkId?: string;
}

/**
 * The check form's query runner: runs the draft's SQL (or the selection) in the draft's catalog, database,
 * workgroup and output location with the parameter literals a trigger would give (resolved against a sample event),
 * and says which verdict the draft's expectation would give on the result. Nothing here changes the draft.
 */
export function useCheckQueryRunner(d: CheckDraftState, config: QueryRunnerConfig | null) {
  const enabled = config !== null;
  const [tables, setTables] = useState<LoadedTable[]>([]);
  const [source, setSource] = useState<EventSource>({ kind: "trigger" });
  const [triggerEvent, setTriggerEvent] = useState<PickableEvent | null>(null);
  const [triggerEventError, setTriggerEventError] = useState<string | null>(null);
  const [pasted, setPasted] = useState("");
  const [recent, setRecent] = useState<PickableEvent[] | null>(null);

  // The trigger's sample follows the trigger as it is edited (the ECS builder's fields, the pattern, the schedule).
  const trigger = d.draft.trigger;
  const triggerKey = JSON.stringify(trigger);
  const slug = d.base.slug;
  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    const t = setTimeout(async () => {
      const res = await sampleTriggerEventAction({ trigger: JSON.parse(triggerKey), slug });
      if (cancelled) return;
      if (res.ok) {
        setTriggerEvent(res.data);
        setTriggerEventError(null);
      } else {
        setTriggerEvent(null);
        setTriggerEventError(failureMessage(res, "No sample event for this trigger."));
      }
    }, 400);
    return () => {
      cancelled = true;
      clearTimeout(t);
    };
  }, [enabled, triggerKey, slug]);

  const checkId = config?.checkId;
  useEffect(() => {
    if (!enabled || !checkId) return;
    let cancelled = false;
    void recentTriggerEventsAction({ checkId }).then((res) => {
      if (!cancelled) setRecent(res.ok ? res.data : []);
    });
    return () => {
      cancelled = true;
    };
  }, [enabled, checkId]);

  const pastedParse = useMemo((): { event: JsonObject | null; error: string | null } => {
    if (pasted.trim() === "") return { event: null, error: "Paste an event (a JSON object)." };
    try {
      const v: unknown = JSON.parse(pasted);
      if (typeof v !== "object" || v === null || Array.isArray(v))
        return { event: null, error: "An event is a JSON object." };
      return { event: v as JsonObject, error: null };
    } catch (e) {
      return { event: null, error: `Not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
    }
  }, [pasted]);

  const event: JsonObject | null =
    source.kind === "trigger"
      ? (triggerEvent?.event ?? null)
      : source.kind === "pasted"
        ? pastedParse.event
        : (recent?.[source.index]?.event ?? null);

  const resolved = useMemo(() => parameterLiterals(d.base.parameters, event), [d.base.parameters, event]);

  const { catalog, database, workgroup, outputLocation } = d.base;
  const q = useQueryRun({
    pageSize: config?.pageSize ?? 50,
    options: (text) => {
      const n = countPlaceholders(text);
      const params = d.base.parameters.length;
      if (n === 0) return { catalog, database, workgroup, outputLocation, parameters: [] };
      if (n !== params) {
        return {
          refused: `The text to run has ${n} placeholder${n === 1 ? "" : "s"} (?) and the check has ${params} parameter${params === 1 ? "" : "s"}: give each ? a parameter, or select text without ?.`,
        };
      }
      const bad = resolved.each.findIndex((r) => !r.ok);
      if (bad >= 0) {
        const r = resolved.each[bad]!;
        return { refused: `Parameter ${bad + 1} has no value to run with: ${r.ok ? "" : r.problem}` };
      }
      return { catalog, database, workgroup, outputLocation, parameters: resolved.literals ?? [] };
    },
  });

  const completion = useMemo<SqlCompletionSchema>(
    () => ({ schema: completionSchema(tables), defaultSchema: database }),
    [tables, database],
  );

  return {
    enabled,
    config,
    q,
    tables,
    setTables,
    completion,
    source,
    setSource,
    triggerEvent,
    triggerEventError,
    pasted,
    setPasted,
    pastedError: pastedParse.error,
    recent,
    event,
    resolved,
  };
}

export type CheckQueryRunner = ReturnType<typeof useCheckQueryRunner>;

/** The sample event the parameters resolve against: the trigger's, a pasted one, or a recent execution's. */
export function SampleEventPicker({ r, schedule }: { r: CheckQueryRunner; schedule: boolean }) {
  const value = r.source.kind === "execution" ? `execution:${r.source.index}` : r.source.kind;
  return (
    <div className="space-y-2 rounded-md border border-zinc-200 bg-zinc-50 p-3" data-testid="sample-event">
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor="sample-event-source" className="text-sm font-medium text-zinc-800">
          Sample event
        </label>
        <select
          id="sample-event-source"
          className={inputClass(false, "h-8 w-auto min-w-0 max-w-full py-0 text-sm")}
          value={value}
          onChange={(e) => {
            const v = e.target.value;
            r.setSource(
              v === "trigger"
                ? { kind: "trigger" }
                : v === "pasted"
                  ? { kind: "pasted" }
                  : { kind: "execution", index: Number(v.split(":")[1]) },
            );
          }}
        >
          <option value="trigger">
            {schedule ? "The next scheduled event" : "ECS “task stopped” sample, from the trigger"}
          </option>
          <option value="pasted">Paste an event…</option>
          {(r.recent ?? []).map((e, i) => (
            <option key={i} value={`execution:${i}`}>
              {e.startedAt ? `${formatUtcShort(e.startedAt)} UTC · ` : ""}
              {e.label}
            </option>
          ))}
        </select>
        {r.config?.checkId && r.recent !== null && r.recent.length === 0 ? (
          <span className="text-xs text-zinc-500">No recent executions to take an event from.</span>
        ) : null}
      </div>
      <p className="text-xs text-zinc-600">
        Parameters taken from the event resolve against it, as a trigger would give them; the literal each{" "}
        <code className="font-mono">?</code> receives shows beside the parameter.
      </p>
      {r.source.kind === "trigger" ? (
        r.triggerEventError ? (
          <p className="text-xs text-red-700" role="alert">
            {r.triggerEventError}
          </p>
        ) : (
          <EventJson label={r.triggerEvent?.label ?? "Building the sample…"} event={r.triggerEvent?.event ?? null} />
        )
      ) : r.source.kind === "pasted" ? (
        <div className="space-y-1">
          <textarea
            aria-label="Pasted event (JSON)"
            className={inputClass(!!r.pastedError && r.pasted !== "", "h-40 font-mono text-xs")}
            value={r.pasted}
            onChange={(e) => r.setPasted(e.target.value)}
            placeholder='{"detail-type": "ECS Task State Change", "detail": { … }}'
            spellCheck={false}
          />
          {r.pastedError ? <p className="text-xs text-zinc-600">{r.pastedError}</p> : null}
        </div>
      ) : (
        <EventJson label={r.recent?.[r.source.index]?.label ?? ""} event={r.event} />
      )}
    </div>
  );
}

function EventJson({ label, event }: { label: string; event: JsonObject | null }) {
  return (
    <details className="text-xs">
      <summary className="cursor-pointer text-zinc-700">{label}</summary>
      {event ? (
        <pre className="mt-1 max-h-64 overflow-auto rounded border border-zinc-200 bg-white p-2 font-mono text-[11px] text-zinc-800">
          {JSON.stringify(event, null, 2)}
        </pre>
      ) : null}
    </details>
  );
}

/** Run / Cancel, the cost guard, the run's state, statistics, result and the verdict the expectation would give. */
export function QueryRunnerPanel({ r, d }: { r: CheckQueryRunner; d: CheckDraftState }) {
  const { q, config } = r;
  if (!config) return null;
  const tooLong = queryBytes(d.base.sql) > MAX_QUERY_BYTES;
  return (
    <div className="space-y-3" data-testid="query-runner">
      <CostGuard
        sql={d.base.sql}
        tables={r.tables}
        defaultDatabase={d.base.database}
        workgroup={d.base.workgroup}
        outputLocation={d.base.outputLocation}
      />
      <div className="flex flex-wrap items-center gap-3">
        <Button variant="primary" onClick={() => void q.start()} disabled={q.starting || q.running || tooLong}>
          {q.starting ? "Starting…" : "Run query"}
        </Button>
        <Button onClick={() => void q.stop()} disabled={!q.running || q.stopping}>
          {q.stopping ? "Cancelling…" : "Cancel"}
        </Button>
        <span className="text-xs text-zinc-500">
          Ctrl/⌘-Enter runs the query, or only the selected text, in{" "}
          <span className="font-mono">
            {d.base.catalog}.{d.base.database}
          </span>{" "}
          (workgroup <span className="font-mono">{d.base.workgroup}</span>). Not saved as a run of the check.
        </span>
      </div>
      {tooLong ? (
        <p role="alert" className="text-sm text-red-700">
          The query is over Athena&apos;s limit of {MAX_QUERY_BYTES.toLocaleString("en-US")} bytes: shorten it to run
          it.
        </p>
      ) : null}
      {q.formError ? (
        <p role="alert" className="text-sm text-red-700" data-testid="run-refused">
          {q.formError}
        </p>
      ) : null}
      <QueryRunView q={q} pageSize={config.pageSize} pageSizes={config.pageSizes}>
        <WouldBeVerdict r={r} d={d} />
      </QueryRunView>
    </div>
  );
}

function WouldBeVerdict({ r, d }: { r: CheckQueryRunner; d: CheckDraftState }) {
  const { status, firstPage } = r.q;
  if (!status?.done || status.state === "CANCELLED") return null;
  let verdict: { verdict: string; reason: string } | null = null;
  const expectation = expectationOfDraft(d.base.expectation);
  if (status.state === "FAILED") {
    verdict = { verdict: "ERROR", reason: "The query failed: a run would end in verdict ERROR with Athena's error." };
  } else if (!firstPage) {
    return null;
  } else if (!expectation) {
    return (
      <p className="text-sm text-zinc-600" data-testid="would-be-verdict">
        Fix the expectation to see the verdict this result would give.
      </p>
    );
  } else {
    const first = firstPage.rows[0]?.[0] ?? null;
    verdict = wouldBeVerdict(expectation, { rowCount: firstPage.rows.length, firstValue: first });
  }
  return (
    <div
      className="flex flex-wrap items-center gap-2 rounded-md border border-zinc-200 bg-white px-3 py-2 text-sm"
      data-testid="would-be-verdict"
    >
      <span className="text-xs font-medium uppercase tracking-wide text-zinc-500">Would be</span>
      <VerdictBadge verdict={verdict.verdict} />
      <span className="text-zinc-700">{verdict.reason}</span>
    </div>
  );
}
