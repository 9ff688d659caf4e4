"use client";

import { lintGutter, linter, setDiagnostics } from "@codemirror/lint";
import { Prec } from "@codemirror/state";
import { EditorView, keymap } from "@codemirror/view";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { queryResultsAction, queryStatusAction, runQueryAction, stopQueryAction } from "@/lib/actions/query";
import { failureMessage } from "@/lib/actions/result";
import { formatBytes, formatDurationMs } from "@/lib/executions/athena-cost";
import type { ResultPage } from "@/lib/executions/result-page";
import { errorRange } from "@/lib/workbench/query-error";
import { MAX_QUERY_BYTES, queryBytes, statLines, type RunStatus } from "@/lib/workbench/run-status";
import { completionSchema } from "@/lib/workbench/schema-types";
import { CodeEditor, type SqlCompletionSchema } from "@/components/checks/code-editor";
import { ResultTable } from "@/components/executions/result-table";
import { QueryStateBadge } from "@/components/executions/badges";
import { Button } from "@/components/ui/button";
import { QueryHistory, type HistoryEntry } from "./query-history";
import { SchemaBrowser, type LoadedTable } from "./schema-browser";

const RUN_EVENT = "workbench-run";
// The lint state is part of the editor's configuration (not appended on the first diagnostic), so reconfiguring the
// editor when completion metadata arrives keeps the error mark. Ctrl/Cmd-Enter runs, whatever Enter would do.
const EDITOR_EXTENSIONS = [
  linter(null),
  lintGutter(),
  Prec.highest(
    keymap.of([
      {
        key: "Mod-Enter",
        run: (view: EditorView) => {
          view.dom.dispatchEvent(new CustomEvent(RUN_EVENT, { bubbles: true }));
          return true;
        },
      },
    ]),
  ),
];

// Polling slows down while a query runs long, and backs off further when Athena throttles.
const FIRST_POLL_MS = 300;
const MAX_POLL_MS = 2000;
const MAX_POLL_FAILURES = 5;

interface Run {
  queryExecutionId: string;
  /** The text that was sent and where it starts in the editor (a selection runs alone). */
  sql: string;
  base: number;
  startedAt: number;
}

export function QueryWorkbench({
  initialSql,
  defaultCatalog,
  defaultDatabase,
  history: initialHistory,
  pageSize,
  pageSizes,
}: {
  initialSql: string;
  defaultCatalog: string;
  defaultDatabase: string;
  history: HistoryEntry[];
  pageSize: number;
  pageSizes: readonly number[];
}) {
  const [sql, setSql] = useState(initialSql);
  const [run, setRun] = useState<Run | null>(null);
  const [status, setStatus] = useState<RunStatus | null>(null);
  const [firstPage, setFirstPage] = useState<ResultPage | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [pollError, setPollError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [stopping, setStopping] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const [history, setHistory] = useState(initialHistory);
  const [tables, setTables] = useState<LoadedTable[]>([]);
  const viewRef = useRef<EditorView | null>(null);

  const bytes = useMemo(() => queryBytes(sql), [sql]);
  const tooLong = bytes > MAX_QUERY_BYTES;
  const running = run !== null && (status === null || !status.done);

  const start = useCallback(async () => {
    const view = viewRef.current;
    const doc = view ? view.state.doc.toString() : sql;
    const sel = view?.state.selection.main;
    const selected = sel && !sel.empty;
    const text = selected ? doc.slice(sel.from, sel.to) : doc;
    if (text.trim() === "") return setFormError("Write a query first.");
    if (queryBytes(text) > MAX_QUERY_BYTES) {
      return setFormError(`The query is over Athena's limit of ${MAX_QUERY_BYTES.toLocaleString("en-US")} bytes.`);
    }
    if (view) view.dispatch(setDiagnostics(view.state, []));
    setFormError(null);
    setPollError(null);
    setStarting(true);
    const res = await runQueryAction({ sql: text });
    setStarting(false);
    if (!res.ok) return setFormError(failureMessage(res, "The query did not start."));
    setStatus(null);
    setFirstPage(null);
    setRun({
      queryExecutionId: res.data.queryExecutionId,
      sql: text,
      base: selected ? sel.from : 0,
      startedAt: Date.now(),
    });
    setHistory((h) =>
      [
        {
          queryExecutionId: res.data.queryExecutionId,
          sql: text,
          startedAt: res.data.startedAt,
          state: "QUEUED",
          dataScannedBytes: null,
        },
        ...h,
      ].slice(0, 50),
    );
  }, [sql]);

  // Ctrl/Cmd-Enter in the editor (EDITOR_EXTENSIONS) arrives as a DOM event on the editor's container.
  const editorBoxRef = useRef<HTMLDivElement | null>(null);
  useEffect(() => {
    const box = editorBoxRef.current;
    if (!box) return;
    const onRun = () => void start();
    box.addEventListener(RUN_EVENT, onRun);
    return () => box.removeEventListener(RUN_EVENT, onRun);
  }, [start]);

  // Poll the running query until it is done; leaving the page (or starting another run) ends the loop.
  useEffect(() => {
    if (!run) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let delay = FIRST_POLL_MS;
    let failures = 0;
    const poll = async () => {
      const res = await queryStatusAction({ queryExecutionId: run.queryExecutionId });
      if (cancelled) return;
      if (!res.ok) {
        failures++;
        if (failures >= MAX_POLL_FAILURES) return setPollError(failureMessage(res, "Lost track of the query."));
        delay = Math.min(MAX_POLL_MS * 4, delay * 2);
        timer = setTimeout(poll, delay);
        return;
      }
      failures = 0;
      setPollError(null);
      const s = res.data;
      setStatus(s);
      setHistory((h) =>
        h.map((e) =>
          e.queryExecutionId === s.queryExecutionId
            ? { ...e, state: s.state, dataScannedBytes: s.dataScannedBytes }
            : e,
        ),
      );
      if (!s.done) {
        delay = Math.min(MAX_POLL_MS, Math.round(delay * 1.5));
        timer = setTimeout(poll, delay);
        return;
      }
      if (s.state === "SUCCEEDED") {
        const page = await queryResultsAction({ queryExecutionId: s.queryExecutionId, size: pageSize, token: null });
        if (cancelled) return;
        if (page.ok) setFirstPage(page.data);
        else setPollError(failureMessage(page, "Athena did not return the results."));
      }
    };
    void poll();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [run, pageSize]);

  // The elapsed time ticks while the query runs.
  useEffect(() => {
    if (!running) return;
    const t = setInterval(() => setNow(Date.now()), 200);
    return () => clearInterval(t);
  }, [running]);

  // Mark the error in the editor at its line and column (counted in the text that was sent).
  useEffect(() => {
    const view = viewRef.current;
    if (!view || !run || !status?.error) return;
    const range = errorRange(run.sql, status.error, run.base);
    if (!range || range.to > view.state.doc.length) return;
    view.dispatch(
      setDiagnostics(view.state, [
        { ...range, severity: "error", source: "Athena", message: `${status.error.title}: ${status.error.message}` },
      ]),
    );
  }, [run, status]);

  const stop = async () => {
    if (!run) return;
    setStopping(true);
    const res = await stopQueryAction({ queryExecutionId: run.queryExecutionId });
    setStopping(false);
    if (!res.ok) setFormError(failureMessage(res, "The query could not be stopped."));
  };

  const insert = useCallback((text: string) => {
    const view = viewRef.current;
    if (!view) return;
    view.dispatch(view.state.replaceSelection(text));
    view.focus();
  }, []);

  const reopen = (entry: HistoryEntry) => {
    const view = viewRef.current;
    if (view) view.dispatch(setDiagnostics(view.state, []));
    setSql(entry.sql);
    setFormError(null);
    setPollError(null);
    setStatus(null);
    setFirstPage(null);
    setRun({ queryExecutionId: entry.queryExecutionId, sql: entry.sql, base: 0, startedAt: Date.now() });
  };

  const completion = useMemo<SqlCompletionSchema>(
    () => ({ schema: completionSchema(tables), defaultSchema: defaultDatabase }),
    [tables, defaultDatabase],
  );

  const elapsed = status?.done ? status.elapsedMs : run ? now - run.startedAt : null;

  return (
    <div className="grid gap-6 md:grid-cols-[14rem_minmax(0,1fr)] lg:grid-cols-[17rem_minmax(0,1fr)]">
      <aside className="order-2 md:order-1">
        <SchemaBrowser
          defaultCatalog={defaultCatalog}
          defaultDatabase={defaultDatabase}
          onInsert={insert}
          onTablesLoaded={setTables}
        />
      </aside>
      <div className="order-1 min-w-0 space-y-4 md:order-2">
        <div className="space-y-2" ref={editorBoxRef}>
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
            extensions={EDITOR_EXTENSIONS}
            onCreateEditor={(view) => {
              viewRef.current = view;
            }}
          />
          <div className="flex flex-wrap items-center gap-3">
            <Button variant="primary" onClick={() => void start()} disabled={starting || running || tooLong}>
              {starting ? "Starting…" : "Run query"}
            </Button>
            <Button onClick={() => void stop()} disabled={!running || stopping}>
              {stopping ? "Cancelling…" : "Cancel"}
            </Button>
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
          {formError ? (
            <p role="alert" className="text-sm text-red-700">
              {formError}
            </p>
          ) : null}
        </div>

        {run ? (
          <section aria-label="Result" className="space-y-3" data-testid="query-run">
            <div className="flex flex-wrap items-center gap-x-6 gap-y-2 text-sm">
              <span className="flex items-center gap-2" aria-live="polite" data-testid="query-state">
                <span className="text-xs font-medium uppercase tracking-wide text-zinc-500">State</span>
                <QueryStateBadge state={status?.state ?? "QUEUED"} />
              </span>
              {status?.done ? (
                statLines(status).map((l) => (
                  <span key={l.label} className="flex items-baseline gap-1.5" data-stat={l.label}>
                    <span className="text-xs font-medium uppercase tracking-wide text-zinc-500">{l.label}</span>
                    <span className="tabular-nums text-zinc-900">{l.value}</span>
                    {l.note ? <span className="text-xs text-zinc-500">({l.note})</span> : null}
                  </span>
                ))
              ) : (
                <span className="flex items-baseline gap-1.5" data-stat="Elapsed">
                  <span className="text-xs font-medium uppercase tracking-wide text-zinc-500">Elapsed</span>
                  <span className="tabular-nums text-zinc-900">{formatDurationMs(elapsed)}</span>
                </span>
              )}
              <span className="font-mono text-[11px] text-zinc-400" data-testid="query-id">
                {run.queryExecutionId}
              </span>
            </div>
            {pollError ? (
              <p role="alert" className="text-sm text-red-700">
                {pollError}
              </p>
            ) : null}
            {status?.error ? (
              <div
                role="alert"
                data-testid="query-error"
                className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900"
              >
                <p className="font-medium">
                  {status.error.title}
                  {status.error.line !== null ? (
                    <span className="font-normal">
                      {" "}
                      at line {status.error.line}, column {status.error.column}
                    </span>
                  ) : null}
                </p>
                <p className="mt-1 whitespace-pre-wrap wrap-anywhere font-mono text-xs">{status.error.message}</p>
              </div>
            ) : null}
            {status?.state === "CANCELLED" ? (
              <p className="text-sm text-zinc-600">The query was cancelled; it has no result.</p>
            ) : null}
            {firstPage ? (
              <ResultTable
                key={run.queryExecutionId}
                resultsUrl={`/query/${encodeURIComponent(run.queryExecutionId)}/results`}
                initial={firstPage}
                pageSize={pageSize}
                pageSizes={pageSizes}
              />
            ) : status?.state === "SUCCEEDED" && !pollError ? (
              <p className="text-sm text-zinc-500">Loading the result…</p>
            ) : null}
          </section>
        ) : null}

        <QueryHistory entries={history} onOpen={reopen} activeId={run?.queryExecutionId ?? null} />
      </div>
    </div>
  );
}
