"use client";

import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { formatBytes } from "@/lib/executions/athena-cost";
import { MAX_QUERY_BYTES, queryBytes } from "@/lib/workbench/run-status";
import { completionSchema } from "@/lib/workbench/schema-types";
import { CodeEditor, type SqlCompletionSchema } from "@/components/checks/code-editor";
import { Button } from "@/components/ui/button";
import { CostGuard } from "./cost-guard";
import { QueryHistory, type HistoryEntry } from "./query-history";
import { QueryRunView } from "./query-run-view";
import { SchemaBrowser, type LoadedTable } from "./schema-browser";
import { RUNNABLE_EDITOR_EXTENSIONS, useQueryRun } from "./use-query-run";
import { saveQueryHandoff } from "./query-handoff";

export function QueryWorkbench({
  initialSql,
  defaultCatalog,
  defaultDatabase,
  defaultWorkgroup,
  history: initialHistory,
  pageSize,
  pageSizes,
  canCreateCheck,
}: {
  initialSql: string;
  defaultCatalog: string;
  defaultDatabase: string;
  defaultWorkgroup: string;
  history: HistoryEntry[];
  pageSize: number;
  pageSizes: readonly number[];
  canCreateCheck: boolean;
}) {
  const router = useRouter();
  const [sql, setSql] = useState(initialSql);
  const [history, setHistory] = useState(initialHistory);
  const [tables, setTables] = useState<LoadedTable[]>([]);

  const q = useQueryRun({
    pageSize,
    options: () => ({}),
    onStarted: (run) =>
      setHistory((h) =>
        [
          {
            queryExecutionId: run.queryExecutionId,
            sql: run.sql,
            startedAt: run.startedAtIso,
            state: "QUEUED",
            dataScannedBytes: null,
          },
          ...h,
        ].slice(0, 50),
      ),
    onStatus: (s) =>
      setHistory((h) =>
        h.map((e) =>
          e.queryExecutionId === s.queryExecutionId
            ? { ...e, state: s.state, dataScannedBytes: s.dataScannedBytes }
            : e,
        ),
      ),
  });

  // Taken out of the run: a ref callback read off an object makes React's linter treat the object as a ref.
  const { setEditorBox } = q;
  const bytes = useMemo(() => queryBytes(sql), [sql]);
  const tooLong = bytes > MAX_QUERY_BYTES;

  const reopen = (entry: HistoryEntry) => {
    setSql(entry.sql);
    q.reopen(entry);
  };

  const createCheck = () => {
    saveQueryHandoff({ sql, catalog: defaultCatalog, database: defaultDatabase });
    router.push("/checks/new?from=query");
  };

  const completion = useMemo<SqlCompletionSchema>(
    () => ({ schema: completionSchema(tables), defaultSchema: defaultDatabase }),
    [tables, defaultDatabase],
  );

  return (
    <div className="grid gap-6 md:grid-cols-[14rem_minmax(0,1fr)] lg:grid-cols-[17rem_minmax(0,1fr)]">
      <aside className="order-2 md:order-1">
        <SchemaBrowser
          defaultCatalog={defaultCatalog}
          defaultDatabase={defaultDatabase}
          onInsert={q.insert}
          onTablesLoaded={setTables}
        />
      </aside>
      <div className="order-1 min-w-0 space-y-4 md:order-2">
        <div className="space-y-2" ref={setEditorBox}>
          <CodeEditor
            id="query-sql"
            language="sql"
            label="SQL"
            value={sql}
            onChange={setSql}
            invalid={tooLong}
            minHeight="12rem"
            maxHeight="24rem"
            completion={completion}
            extensions={RUNNABLE_EDITOR_EXTENSIONS}
            onCreateEditor={q.onCreateEditor}
          />
          <CostGuard sql={sql} tables={tables} defaultDatabase={defaultDatabase} workgroup={defaultWorkgroup} />
          <div className="flex flex-wrap items-center gap-3">
            <Button variant="primary" onClick={() => void q.start()} disabled={q.starting || q.running || tooLong}>
              {q.starting ? "Starting…" : "Run query"}
            </Button>
            <Button onClick={() => void q.stop()} disabled={!q.running || q.stopping}>
              {q.stopping ? "Cancelling…" : "Cancel"}
            </Button>
            {canCreateCheck ? (
              <Button variant="ghost" onClick={createCheck} disabled={sql.trim() === "" || tooLong}>
                Create check from this query
              </Button>
            ) : null}
            <span className="text-xs text-zinc-500">
              Ctrl/⌘-Enter runs the query, or only the selected text. Runs in {defaultCatalog}.{defaultDatabase}.
            </span>
            <span className={`ml-auto text-xs tabular-nums ${tooLong ? "text-red-700" : "text-zinc-400"}`}>
              {formatBytes(bytes)} of 256 KB
            </span>
          </div>
          {tooLong ? (
            <p role="alert" className="text-sm text-red-700">
              The query is over Athena&apos;s limit of {MAX_QUERY_BYTES.toLocaleString("en-US")} bytes: shorten it to
              run it.
            </p>
          ) : null}
          {q.formError ? (
            <p role="alert" className="text-sm text-red-700">
              {q.formError}
            </p>
          ) : null}
        </div>

        <QueryRunView q={q} pageSize={pageSize} pageSizes={pageSizes} />

        <QueryHistory entries={history} onOpen={reopen} activeId={q.run?.queryExecutionId ?? null} />
      </div>
    </div>
  );
}
