import type { SyncStatus } from "@/lib/checks/types";
import { Badge, type Tone } from "@/components/ui/badge";

const LOOK: Record<SyncStatus, { tone: Tone; label: string }> = {
  SYNCED: { tone: "green", label: "In sync" },
  PENDING: { tone: "blue", label: "Pending" },
  DRIFTED: { tone: "amber", label: "Drifted" },
  ERROR: { tone: "red", label: "Sync error" },
};

/** Whether AWS matches the check, as the reconciler last recorded it; the message is the tooltip. */
export function SyncStatusBadge({ status, message }: { status: SyncStatus; message?: string | null }) {
  const look = LOOK[status];
  return (
    <Badge tone={look.tone} title={message ?? undefined}>
      <span aria-hidden className="h-1.5 w-1.5 rounded-full bg-current opacity-70" />
      {look.label}
    </Badge>
  );
}
