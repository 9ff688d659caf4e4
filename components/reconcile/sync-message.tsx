// A reconciler message as the operator reads it: the headline ("Rule audit-check-x updated: disabled.") in normal
// text, the reconciler's details (what differed, field by field) smaller and muted underneath.
import { splitSyncMessage } from "@/lib/reconcile/outcome-message";

/** Renders a sync message; messages without details (errors, older ones) render as the headline alone. */
export function SyncMessage({ message }: { message: string }) {
  const { headline, details } = splitSyncMessage(message);
  return (
    <span className="block">
      <span className="block">{headline}</span>
      {details ? <span className="mt-0.5 block text-xs text-current opacity-75 wrap-anywhere">{details}</span> : null}
    </span>
  );
}
