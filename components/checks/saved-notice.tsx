import { Notice } from "@/components/ui/notice";

const VERB: Record<string, string> = { created: "Check created.", updated: "Changes saved.", enabled: "Check enabled.", disabled: "Check disabled." };

/** After a write: what was saved, and what the reconciler said about applying it to AWS. */
export function SavedNotice({ saved, sync, note }: { saved?: string; sync?: string; note?: string }) {
  if (!saved && !note) return null;
  const tone = sync === "error" || sync === "drifted" ? "warning" : sync === "pending" ? "info" : "success";
  return (
    <div data-testid="saved-notice">
      <Notice tone={tone} title={saved ? (VERB[saved] ?? "Saved.") : undefined}>
        {note ? <span>{note}</span> : null}
      </Notice>
    </div>
  );
}
