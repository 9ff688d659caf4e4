// The contract between a rule target (or Run now / Rerun) and the shared state machine.
// lib/reconcile builds the InputTransformer template from ExecutionInput; lib/executions parses it back.

import type { Expectation } from "./types";

export type TriggerKind = "event" | "schedule" | "manual" | "rerun";

/** One ExecutionParameter: an SQL literal, or the value found at `path` in the triggering event. */
export type ParameterSource = { kind: "literal"; value: string } | { kind: "event"; path: string; value: unknown };

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
    /**
     * Added by C3 (additive). Where each ExecutionParameter comes from; when present the state machine builds the
     * parameters from this list and `parameters` is informational (literals as-is, event slots show their path).
     * "event" values are what EventBridge extracted (any JSON type); the state machine quotes strings (refusing
     * one that contains a single quote: verdict ERROR) and writes numbers / booleans bare.
     */
    parameterSources?: ParameterSource[];
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
