// The contract between a rule target (or Run now / Rerun) and the shared state machine.
// lib/reconcile builds the InputTransformer template from ExecutionInput; lib/executions parses it back.

import type { Expectation } from "./types";

export type TriggerKind = "event" | "schedule" | "manual" | "rerun";

/** The execution input of the shared state machine. */
export interface ExecutionInput {
  check: { id: string; slug: string; generation: number };
  trigger: { kind: TriggerKind; rerunOf?: string };
  query: {
    sql: string;
    catalog: string;
    database: string;
    workgroup: string;
    outputLocation: string;
    /** Athena ExecutionParameters, already SQL literals (event values arrive as strings and are quoted by the state machine). */
    parameters: string[];
  };
  expectation: Expectation;
  /** The whole triggering event (`<aws.events.event.json>`), or a synthesized one for manual runs. */
  event: Record<string, unknown>;
}

export type Verdict = "PASS" | "FAIL" | "ERROR";

/** The compact output of the shared state machine (never the full result set). */
export interface ExecutionOutput {
  checkId: string;
  generation: number;
  verdict: Verdict;
  queryExecutionId: string | null;
  /** Rows in the preview (≤ 20) and the first value of the first row, as Athena returned it. */
  previewRowCount: number | null;
  firstValue: string | null;
  statistics: Record<string, number> | null;
  error: { error: string; cause: string } | null;
}
