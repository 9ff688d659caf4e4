// Audit events as CSV (one line per event; the diff and detail as JSON in their own columns).
import { csvField } from "@/lib/executions/results-csv";
import type { AuditEvent } from "@/lib/db/audit-events";

export const AUDIT_CSV_HEADER = [
  "time",
  "actor_kind",
  "actor_id",
  "actor_name",
  "action",
  "outcome",
  "target_kind",
  "target_id",
  "target_name",
  "check_id",
  "diff",
  "detail",
  "ip",
  "user_agent",
];

export function auditCsvLine(e: AuditEvent): string {
  return (
    [
      e.at.toISOString(),
      e.actorKind,
      e.actorId,
      e.actorName,
      e.action,
      e.outcome,
      e.targetKind,
      e.targetId,
      e.targetName,
      e.checkId,
      e.diff ? JSON.stringify(e.diff) : null,
      e.detail ? JSON.stringify(e.detail) : null,
      e.ip,
      e.userAgent,
    ]
      // Actor names, targets and user agents come from outside: never let a spreadsheet run them as formulas.
      .map((v) => csvField(v !== null && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v))
      .join(",")
  );
}
