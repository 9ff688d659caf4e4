import { formatAgo } from "./time";

/** "Synced 12 s ago" or the last sync's problem, so an empty list is never a mystery. */
export function SyncStatusLine({
  state,
  now,
}: {
  state: { lastFinishedAt: Date | null; lastError: string | null } | null;
  now: Date;
}) {
  if (!state?.lastFinishedAt) return <span className="text-zinc-500">Not synced yet.</span>;
  if (state.lastError) {
    return (
      <span className="text-amber-800" title={state.lastError}>
        Last sync {formatAgo(state.lastFinishedAt, now)}: {state.lastError}
      </span>
    );
  }
  return <span className="text-zinc-500">Synced {formatAgo(state.lastFinishedAt, now)}.</span>;
}
