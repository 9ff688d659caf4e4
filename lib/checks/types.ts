// The check domain, shared by validation, the database layer, the reconciler and the executions index.
// Persisted shapes (parameters, trigger, expectation) are stored as JSON exactly as typed here; the schemas of the
// JSON ones are the one definition (the database layer and the execution contract parse with them).
import { z } from "zod";

/** A query parameter: an SQL literal as Athena wants it ('text' carries its quotes), or a JSON path into the triggering event. */
export const checkParameterSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("literal"), value: z.string() }),
  z.object({ kind: z.literal("eventPath"), path: z.string() }),
]);
export type CheckParameter = z.infer<typeof checkParameterSchema>;

export type Trigger =
  { kind: "eventPattern"; pattern: Record<string, unknown> } | { kind: "schedule"; expression: string };

export const comparisonOpSchema = z.enum(["eq", "ne", "lt", "le", "gt", "ge"], {
  message: "Choose a comparison: =, ≠, <, ≤, > or ≥.",
});
export type ComparisonOp = z.infer<typeof comparisonOpSchema>;

/** What the query's result is compared with; the verdict is PASS when it holds. */
export const expectationSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("none") }),
  z.object({ kind: z.literal("noRows") }),
  z.object({ kind: z.literal("rowCount"), op: comparisonOpSchema, value: z.number() }),
  z.object({ kind: z.literal("firstValue"), op: comparisonOpSchema, value: z.number() }),
  // PASS when every row of the result is an acknowledged finding (or there are none); see lib/findings/verdict-sql.ts.
  z.object({ kind: z.literal("noUnacknowledgedFindings") }),
]);
export type Expectation = z.infer<typeof expectationSchema>;

/** Defaults of a check's result snapshots: rows and bytes copied from Athena per run, kept forever. */
export const SNAPSHOT_DEFAULTS = { maxRows: 10_000, maxMegabytes: 20 } as const;
/** Hard limits an operator may raise the caps to (a snapshot lives in PostgreSQL). */
export const SNAPSHOT_LIMITS = { maxRows: 1_000_000, maxMegabytes: 1_024, retentionDays: 36_500 } as const;

/**
 * How much of each run's result the console keeps, and for how long. Absent fields take the defaults
 * (SNAPSHOT_DEFAULTS; retention: forever).
 */
export const snapshotPolicySchema = z.object({
  maxRows: z
    .number()
    .int("A whole number of rows.")
    .min(0, "0 or more rows (0 keeps only the columns).")
    .max(SNAPSHOT_LIMITS.maxRows, `At most ${SNAPSHOT_LIMITS.maxRows.toLocaleString("en-US")} rows.`)
    .optional(),
  maxMegabytes: z
    .number()
    .min(0.001, "More than 0 MB.")
    .max(SNAPSHOT_LIMITS.maxMegabytes, `At most ${SNAPSHOT_LIMITS.maxMegabytes} MB.`)
    .optional(),
  retentionDays: z
    .number()
    .int("A whole number of days.")
    .min(1, "At least 1 day (leave empty to keep snapshots forever).")
    .max(SNAPSHOT_LIMITS.retentionDays, `At most ${SNAPSHOT_LIMITS.retentionDays} days.`)
    .optional(),
});
export type SnapshotPolicy = z.infer<typeof snapshotPolicySchema>;

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
  /** Result columns that identify one finding (e.g. username, host); empty: no findings are kept. */
  findingKeys: string[];
  enabled: boolean;
  /** Result snapshot caps and retention; absent when a caller leaves them as they are (stored: {} = defaults). */
  snapshotPolicy?: SnapshotPolicy;
}

/** Every field of a CheckSpec, in form order: what a spec comparison and the audit trail's diff look at. */
export const CHECK_SPEC_FIELDS = [
  "name",
  "slug",
  "description",
  "sql",
  "catalog",
  "database",
  "workgroup",
  "outputLocation",
  "parameters",
  "trigger",
  "expectation",
  "findingKeys",
  "enabled",
  "snapshotPolicy",
] as const satisfies readonly (keyof CheckSpec)[];

/** Whether AWS matches a check; the same words in the database, the code and the `sync` query parameter. */
export const syncStatusSchema = z.enum(["PENDING", "SYNCED", "DRIFTED", "ERROR"]);
export type SyncStatus = z.infer<typeof syncStatusSchema>;

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
  /** The file a checks-as-code apply wrote it from; null when it was made in the browser (never pruned). */
  sourcePath: string | null;
}

/** What the checks list shows of a check: no query text or parameters, so a list of hundreds stays light. */
export type CheckSummary = Pick<
  Check,
  "id" | "name" | "slug" | "trigger" | "expectation" | "enabled" | "generation" | "sourcePath" | keyof CheckSyncState
>;
