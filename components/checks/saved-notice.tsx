"use client";

import { useEffect } from "react";
import { Notice } from "@/components/ui/notice";
import { SyncMessage } from "@/components/reconcile/sync-message";
import { syncStatusSchema } from "@/lib/checks/types";

const VERB: Record<string, string> = {
  created: "Check created.",
  updated: "Changes saved.",
  enabled: "Check enabled.",
  disabled: "Check disabled.",
};

/**
 * After a write: what was saved, and what the reconciler said about applying it to AWS. The outcome arrives in the
 * query string; it is dropped from the address once shown, so a reload or a shared link does not repeat it.
 */
export function SavedNotice({
  saved,
  deleted,
  sync,
  note,
}: {
  saved?: string;
  deleted?: string;
  sync?: string;
  note?: string;
}) {
  useEffect(() => {
    const url = new URL(window.location.href);
    const had = ["saved", "deleted", "sync", "note"].some((k) => url.searchParams.has(k));
    if (!had) return;
    for (const k of ["saved", "deleted", "sync", "note"]) url.searchParams.delete(k);
    window.history.replaceState(window.history.state, "", `${url.pathname}${url.search}`);
  }, []);
  if (!saved && !deleted && !note) return null;
  const status = syncStatusSchema.safeParse(sync).data;
  const tone = status === "ERROR" || status === "DRIFTED" ? "warning" : status === "PENDING" ? "info" : "success";
  const title = deleted ? `Deleted “${deleted}”.` : saved ? (VERB[saved] ?? "Saved.") : undefined;
  return (
    <div data-testid="saved-notice">
      <Notice tone={tone} title={title}>
        {note ? <SyncMessage message={note} /> : null}
      </Notice>
    </div>
  );
}
