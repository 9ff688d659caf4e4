"use client";

import { lintGutter, linter, setDiagnostics } from "@codemirror/lint";
import { Prec } from "@codemirror/state";
import { EditorView, keymap } from "@codemirror/view";
import { useCallback, useEffect, useRef, useState } from "react";
import { queryResultsAction, queryStatusAction, runQueryAction, stopQueryAction } from "@/lib/actions/query";
import { failureMessage } from "@/lib/actions/result";
import type { ResultPage } from "@/lib/executions/result-page";
import { errorRange } from "@/lib/workbench/query-error";
import { MAX_QUERY_BYTES, queryBytes, type RunStatus } from "@/lib/workbench/run-status";

const RUN_EVENT = "workbench-run";
// The lint state is part of the editor's configuration (not appended on the first diagnostic), so reconfiguring the
// editor when completion metadata arrives keeps the error mark. Ctrl/Cmd-Enter runs, whatever Enter would do.
export const RUNNABLE_EDITOR_EXTENSIONS = [
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

export interface QueryRun {
  queryExecutionId: string;
  /** The text that was sent and where it starts in the editor (a selection runs alone). */
  sql: string;
  base: number;
  startedAt: number;
  /** When Athena accepted it (ISO), for the history. */
  startedAtIso: string;
}

/** Where and with what a run starts (the workbench's defaults when absent). */
export interface RunOptions {
  catalog?: string;
  database?: string;
  workgroup?: string;
  outputLocation?: string;
  parameters?: string[];
}

/**
 * One editor's ad-hoc query: start the editor's text (or its selection), poll it with backoff until it is done
 * (leaving the page or starting another run ends the loop), fetch the first page, stop it, and mark Athena's error
 * in the editor at its line and column. Used by /query and by the check form's query runner.
 */
export function useQueryRun({
  pageSize,
  options,
  onStarted,
  onStatus,
}: {
  pageSize: number;
  /**
   * Read at the moment a run starts, with the text about to run (the check form passes its current context and the
   * parameter literals for that text's placeholders, or refuses with a sentence).
   */
  options: (text: string) => RunOptions | { refused: string };
  onStarted?: (run: QueryRun) => void;
  onStatus?: (status: RunStatus) => void;
}) {
  const [run, setRun] = useState<QueryRun | null>(null);
  const [status, setStatus] = useState<RunStatus | null>(null);
  const [firstPage, setFirstPage] = useState<ResultPage | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [pollError, setPollError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [stopping, setStopping] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const viewRef = useRef<EditorView | null>(null);
  // The element around the editor (a callback ref: the listener below follows it).
  const [editorBox, setEditorBox] = useState<HTMLDivElement | null>(null);
  // The callbacks change every render; the loops read the latest through refs.
  const latest = useRef({ options, onStarted, onStatus });
  useEffect(() => {
    latest.current = { options, onStarted, onStatus };
  });

  const running = run !== null && (status === null || !status.done);

  const clearMark = () => {
    const view = viewRef.current;
    if (view) view.dispatch(setDiagnostics(view.state, []));
  };

  const start = useCallback(async () => {
    const view = viewRef.current;
    if (!view) return;
    const doc = view.state.doc.toString();
    const sel = view.state.selection.main;
    const selected = !sel.empty;
    const text = selected ? doc.slice(sel.from, sel.to) : doc;
    if (text.trim() === "") return setFormError("Write a query first.");
    if (queryBytes(text) > MAX_QUERY_BYTES) {
      return setFormError(`The query is over Athena's limit of ${MAX_QUERY_BYTES.toLocaleString("en-US")} bytes.`);
    }
    const opts = latest.current.options(text);
    if ("refused" in opts) return setFormError(opts.refused);
    view.dispatch(setDiagnostics(view.state, []));
    setFormError(null);
    setPollError(null);
    setStarting(true);
    const res = await runQueryAction({ sql: text, ...opts });
    setStarting(false);
    if (!res.ok) return setFormError(failureMessage(res, "The query did not start."));
    setStatus(null);
    setFirstPage(null);
    const next: QueryRun = {
      queryExecutionId: res.data.queryExecutionId,
      sql: text,
      base: selected ? sel.from : 0,
      startedAt: Date.now(),
      startedAtIso: res.data.startedAt,
    };
    setRun(next);
    latest.current.onStarted?.(next);
  }, []);

  // Ctrl/Cmd-Enter in the editor (RUNNABLE_EDITOR_EXTENSIONS) arrives as a DOM event on the editor's container.
  useEffect(() => {
    const box = editorBox;
    if (!box) return;
    const onRun = (e: Event) => {
      e.stopPropagation();
      void start();
    };
    box.addEventListener(RUN_EVENT, onRun);
    return () => box.removeEventListener(RUN_EVENT, onRun);
  }, [start, editorBox]);

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
      latest.current.onStatus?.(s);
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

  /** Shows an earlier run again (its SQL is the caller's to restore). */
  const reopen = (entry: { queryExecutionId: string; sql: string }) => {
    clearMark();
    setFormError(null);
    setPollError(null);
    setStatus(null);
    setFirstPage(null);
    setRun({
      queryExecutionId: entry.queryExecutionId,
      sql: entry.sql,
      base: 0,
      startedAt: Date.now(),
      startedAtIso: new Date().toISOString(),
    });
  };

  /** Replaces the editor's selection with `text` (the schema browser's names). */
  const insert = useCallback((text: string) => {
    const view = viewRef.current;
    if (!view) return;
    view.dispatch(view.state.replaceSelection(text));
    view.focus();
  }, []);
  const onCreateEditor = useCallback((view: EditorView) => {
    viewRef.current = view;
  }, []);

  const elapsed = status?.done ? status.elapsedMs : run ? now - run.startedAt : null;

  return {
    run,
    status,
    firstPage,
    formError,
    setFormError,
    pollError,
    starting,
    stopping,
    running,
    elapsed,
    /** Give to the CodeEditor: the hook reads the text and selection from it and marks errors in it. */
    onCreateEditor,
    /** A callback ref for the element around the editor (Ctrl/Cmd-Enter arrives there). */
    setEditorBox,
    insert,
    start,
    stop,
    reopen,
  };
}

export type QueryRunState = ReturnType<typeof useQueryRun>;
