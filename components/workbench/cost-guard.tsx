"use client";

import { useEffect, useMemo, useState } from "react";
import { workgroupLimitsAction } from "@/lib/actions/query";
import { failureMessage } from "@/lib/actions/result";
import { formatBytes } from "@/lib/executions/athena-cost";
import { unfilteredPartitionScans } from "@/lib/workbench/cost-guard";
import type { SchemaTable } from "@/lib/workbench/schema-types";
import type { WorkgroupLimits } from "@/lib/workbench/queries";
import type { LoadedTable } from "./schema-browser";

/**
 * Before a run: the partitioned tables the query reads with no predicate on a partition key (every partition is
 * scanned and billed), and what the workgroup imposes (its per-query scan limit, an output location it enforces).
 */
export function CostGuard({
  sql,
  tables,
  defaultDatabase,
  workgroup,
  outputLocation,
}: {
  sql: string;
  tables: LoadedTable[];
  defaultDatabase: string;
  workgroup: string;
  /** The output location the query asks for (the check's), to say when the workgroup overrides it. */
  outputLocation?: string;
}) {
  const [limits, setLimits] = useState<WorkgroupLimits | null>(null);
  const [limitsError, setLimitsError] = useState<string | null>(null);

  // The workgroup field changes as the operator types: ask once it rests.
  useEffect(() => {
    const name = workgroup.trim();
    if (name === "") return;
    let cancelled = false;
    const t = setTimeout(async () => {
      const res = await workgroupLimitsAction({ workgroup: name });
      if (cancelled) return;
      if (res.ok) {
        setLimits(res.data);
        setLimitsError(null);
      } else {
        setLimits(null);
        setLimitsError(failureMessage(res, "Could not read the workgroup."));
      }
    }, 400);
    return () => {
      cancelled = true;
      clearTimeout(t);
    };
  }, [workgroup]);

  const byName = useMemo(() => {
    const m = new Map<string, SchemaTable>();
    for (const t of tables) m.set(`${t.database.toLowerCase()}.${t.table.name.toLowerCase()}`, t.table);
    return m;
  }, [tables]);
  const [debouncedSql, setDebouncedSql] = useState(sql);
  useEffect(() => {
    const t = setTimeout(() => setDebouncedSql(sql), 250);
    return () => clearTimeout(t);
  }, [sql]);
  const scans = useMemo(
    () => unfilteredPartitionScans(debouncedSql, byName, defaultDatabase),
    [debouncedSql, byName, defaultDatabase],
  );

  const overridden =
    limits?.enforcedOutputLocation && outputLocation && limits.enforcedOutputLocation !== outputLocation
      ? limits.enforcedOutputLocation
      : null;

  return (
    <div className="space-y-1.5 text-xs" data-testid="cost-guard">
      {scans.map((s) => (
        <p
          key={s.table}
          role="status"
          data-testid="partition-warning"
          className="rounded-md border border-amber-200 bg-amber-50 px-2.5 py-1.5 text-amber-900"
        >
          <span className="font-medium">Full scan:</span> the query reads <code className="font-mono">{s.table}</code>{" "}
          with no filter on its partition key{s.partitionKeys.length === 1 ? "" : "s"}{" "}
          <code className="font-mono">{s.partitionKeys.join(", ")}</code>, so Athena scans (and bills) every partition.
          Add e.g. <code className="font-mono">WHERE {s.partitionKeys[0]} = &apos;…&apos;</code>.
        </p>
      ))}
      <p className="text-zinc-500" data-testid="scan-limit">
        {limitsError ? (
          <span className="text-red-700">{limitsError}</span>
        ) : limits ? (
          limits.bytesScannedCutoffPerQuery !== null ? (
            <>
              Workgroup <span className="font-mono">{limits.workgroup}</span> cancels a query that scans more than{" "}
              <span className="font-medium tabular-nums text-zinc-700">
                {formatBytes(limits.bytesScannedCutoffPerQuery)}
              </span>
              .
            </>
          ) : (
            <>
              Workgroup <span className="font-mono">{limits.workgroup}</span> sets no per-query scan limit.
            </>
          )
        ) : (
          "Reading the workgroup's scan limit…"
        )}
        {overridden ? (
          <>
            {" "}
            It enforces its own output location, <span className="font-mono">{overridden}</span>: results go there, not
            to the check&apos;s.
          </>
        ) : null}
      </p>
    </div>
  );
}
