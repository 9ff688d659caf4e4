// The check domain, shared by validation, the database layer, the reconciler and the executions index.
// Persisted shapes (parameters, trigger, expectation) are stored as JSON exactly as typed here.

/** A query parameter: an SQL literal as Athena wants it ('text' carries its quotes), or a JSON path into the triggering event. */
export type CheckParameter = { kind: "literal"; value: string } | { kind: "eventPath"; path: string };

export type Trigger =
  { kind: "eventPattern"; pattern: Record<string, unknown> } | { kind: "schedule"; expression: string };

export type ComparisonOp = "eq" | "ne" | "lt" | "le" | "gt" | "ge";

export type Expectation =
  | { kind: "none" }
  | { kind: "noRows" }
  | { kind: "rowCount"; op: ComparisonOp; value: number }
  | { kind: "firstValue"; op: ComparisonOp; value: number };

/** What an operator edits. Changing any of it bumps `generation`. */
export interface CheckSpec {
  name: string;
  slug: string;
  description: string;
  sql: string;
  catalog: string;
  database: string;
  workgroup: string;
  outputLocation: string;
  parameters: CheckParameter[];
  trigger: Trigger;
  expectation: Expectation;
  enabled: boolean;
}

export type SyncStatus = "PENDING" | "SYNCED" | "DRIFTED" | "ERROR";

/** Written back by the reconciler. */
export interface CheckSyncState {
  syncStatus: SyncStatus;
  syncMessage: string | null;
  /** true: needs a spec change before a retry can succeed; false: retried on the next pass. */
  syncErrorTerminal: boolean;
  observedGeneration: number | null;
  lastReconciledAt: Date | null;
}

export interface Check extends CheckSpec, CheckSyncState {
  id: string;
  generation: number;
  /** Optimistic-locking token: every write must name the version it read. */
  version: number;
  createdAt: Date;
  updatedAt: Date;
  createdBy: string;
  updatedBy: string;
}
