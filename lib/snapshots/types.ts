// Result snapshots as the rest of the console sees them. No "server-only": the data module, scripts and tests use
// these too.
import { z } from "zod";
import { formatNumber } from "@/lib/number-format";

export const snapshotStateSchema = z.enum(["PENDING", "COPYING", "COMPLETE", "TRUNCATED", "UNAVAILABLE"]);
export type SnapshotState = z.infer<typeof snapshotStateSchema>;

/** How a stored column list is read back (ResultColumn of lib/executions/result-columns.ts). */
export const resultColumnsSchema = z.array(
  z.object({
    name: z.string(),
    type: z.string(),
    kind: z.enum([
      "integer",
      "decimal",
      "float",
      "boolean",
      "date",
      "timestamp",
      "time",
      "interval",
      "text",
      "binary",
      "structured",
      "json",
      "other",
    ]),
    align: z.enum(["left", "right"]),
  }),
);

export const cutReasonSchema = z.enum(["rows", "bytes"]);
export type CutReason = z.infer<typeof cutReasonSchema>;

/** What a page shows about a run's snapshot. */
export interface SnapshotSummary {
  id: string;
  executionId: string;
  checkId: string | null;
  state: SnapshotState;
  columns: z.infer<typeof resultColumnsSchema> | null;
  rowCount: number;
  bytes: number;
  maxRows: number;
  maxBytes: number;
  cutReason: CutReason | null;
  error: string | null;
  createdAt: Date;
  completedAt: Date | null;
}

/** Whether the snapshot holds the rows the page and the CSV can serve without Athena. */
export const isReadable = (s: { state: SnapshotState }): boolean => s.state === "COMPLETE" || s.state === "TRUNCATED";

/** "10,000 rows" / "20 MB": the cap a truncated snapshot stopped at, in words. */
export function cutDescription(s: Pick<SnapshotSummary, "cutReason" | "maxRows" | "maxBytes" | "rowCount">): string {
  if (s.cutReason === "bytes") {
    const mb = s.maxBytes / (1024 * 1024);
    return `the first ${s.rowCount.toLocaleString("en-US")} rows: the snapshot stops at ${formatNumber(mb, { maximumFractionDigits: 3 })} MB`;
  }
  return `the first ${s.rowCount.toLocaleString("en-US")} rows: the snapshot stops at ${s.maxRows.toLocaleString("en-US")} rows`;
}
