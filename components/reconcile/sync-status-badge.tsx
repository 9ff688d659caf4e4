// A check's sync status as the reconciler recorded it: Synced / Pending / Drifted / Error (terminal or retried),
// with AWS's message, the observed generation and the last reconcile in the tooltip.
import type { SyncStatus } from "@/lib/checks/types";
import { Badge, type Tone } from "@/components/ui/badge";
import { formatUtcSecond } from "@/components/ui/format";

const LOOK: Record<SyncStatus, { tone: Tone; label: string; meaning: string }> = {
  SYNCED: { tone: "green", label: "Synced", meaning: "AWS matches this check." },
  PENDING: { tone: "blue", label: "Pending", meaning: "A change not yet applied to AWS." },
  DRIFTED: {
    tone: "amber",
    label: "Drifted",
    meaning: "AWS was changed outside the console; the reconciler will revert it.",
  },
  ERROR: { tone: "red", label: "Error", meaning: "The last reconcile of this check failed." },
};

export interface SyncStatusBadgeProps {
  status: SyncStatus;
  message?: string | null;
  /** Error that needs a change of the check before a retry can succeed. */
  terminal?: boolean;
  generation?: number;
  observedGeneration?: number | null;
  lastReconciledAt?: Date | string | null;
}

/** The status pill; everything else is in its tooltip (and in the text for screen readers). */
export function SyncStatusBadge({
  status,
  message,
  terminal,
  generation,
  observedGeneration,
  lastReconciledAt,
}: SyncStatusBadgeProps) {
  const look = LOOK[status];
  const label = status === "ERROR" ? (terminal ? "Error: fix the check" : "Error: retrying") : look.label;
  const details = [
    look.meaning,
    message ?? null,
    generation !== undefined ? `Generation ${generation}, observed ${observedGeneration ?? "never"}.` : null,
    lastReconciledAt ? `Last reconciled ${formatUtcSecond(lastReconciledAt)}.` : null,
  ].filter(Boolean);
  return (
    <Badge tone={look.tone} title={details.join("\n")}>
      <span aria-hidden className="h-1.5 w-1.5 rounded-full bg-current" />
      {label}
      <span className="sr-only"> — {details.join(" ")}</span>
    </Badge>
  );
}

/** The sync fields of a check (or of a row of the checks list). */
export interface CheckSyncFields {
  syncStatus: SyncStatus;
  syncMessage: string | null;
  syncErrorTerminal: boolean;
  generation: number;
  observedGeneration: number | null;
  lastReconciledAt: Date | string | null;
}

/** A check's badge; `withMessage={false}` where the page shows the message beside it already. */
export function CheckSyncBadge({ check, withMessage = true }: { check: CheckSyncFields; withMessage?: boolean }) {
  return (
    <SyncStatusBadge
      status={check.syncStatus}
      message={withMessage ? check.syncMessage : undefined}
      terminal={check.syncErrorTerminal}
      generation={check.generation}
      observedGeneration={check.observedGeneration}
      lastReconciledAt={check.lastReconciledAt}
    />
  );
}
