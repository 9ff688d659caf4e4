"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { createCheckAction, updateCheckAction } from "@/lib/actions/checks";
import type { CheckDraft } from "@/lib/checks/schema";
import { Notice } from "@/components/ui/notice";
import {
  ExpectationSection,
  IdentitySection,
  LocationSection,
  QuerySection,
  SnapshotSection,
  SaveBar,
  TriggerSection,
} from "./check-form-sections";
import { takeQueryHandoff } from "@/components/workbench/query-handoff";
import type { QueryRunnerConfig } from "./check-query-runner";
import { useCheckDraft } from "./use-check-draft";
import {
  clearStoredDraft,
  draftStorageKey,
  readStoredDraft,
  writeStoredDraft,
  type StoredDraft,
} from "./draft-storage";

export interface CheckFormProps {
  mode: "create" | "edit";
  checkId?: string;
  version?: number;
  initial: CheckDraft;
  rulePrefix: string;
  /** Server time (ISO) so the first render of the schedule preview matches on both sides. */
  now: string;
  /** Set when the user may run queries: the query section runs the draft's SQL (result pages of this size). */
  runner?: QueryRunnerConfig | null;
  /** The form was opened from /query's "Create check from this query": take the SQL handed over. */
  fromQuery?: boolean;
}

/**
 * Create / edit form. Validates as you type with the same schema as the server; a refused save keeps every input,
 * and what was typed survives a reload (browser storage) until a save succeeds.
 */
export function CheckForm(props: CheckFormProps) {
  const storageKey = draftStorageKey(props.mode, props.checkId);
  const [restored, setRestored] = useState<StoredDraft | null>(null);
  useEffect(() => {
    const stored = readStoredDraft(storageKey);
    // A draft edited from an older version is not laid over a newer saved check.
    // Browser storage exists only after hydration, and it is read once: a store subscription would remount the
    // form on every keystroke the draft writes back.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (stored && (props.mode === "create" || stored.version === (props.version ?? null))) setRestored(stored);
  }, [storageKey, props.mode, props.version]);
  const discard = () => {
    clearStoredDraft(storageKey);
    setRestored(null);
  };
  return (
    <CheckFormBody
      key={restored ? `restored-${restored.savedAt}` : "initial"}
      {...props}
      initial={restored?.draft ?? props.initial}
      storageKey={storageKey}
      restoredAt={restored?.savedAt ?? null}
      onDiscardRestored={discard}
    />
  );
}

function CheckFormBody({
  mode,
  checkId,
  version,
  initial,
  rulePrefix,
  now,
  runner = null,
  fromQuery = false,
  storageKey,
  restoredAt,
  onDiscardRestored,
}: CheckFormProps & { storageKey: string; restoredAt: string | null; onDiscardRestored: () => void }) {
  const router = useRouter();
  const d = useCheckDraft({ mode, initial, rulePrefix });
  const [storageRefused, setStorageRefused] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const attempt = useRef(0);
  const [attemptCount, setAttemptCount] = useState(0);

  // The query handed over by /query fills the SQL and where it runs, once.
  const { update } = d;
  useEffect(() => {
    if (!fromQuery) return;
    const h = takeQueryHandoff();
    if (!h) return;
    update("sql", h.sql);
    update("catalog", h.catalog);
    update("database", h.database);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, when the form opens
  }, [fromQuery]);

  // Leaving the page with unsaved input asks first (a refused save must never cost the operator their work).
  const dirty = d.dirty;
  useEffect(() => {
    if (!dirty || pending) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty, pending]);

  // Keep the draft in the browser while it differs from what was loaded (a restored draft counts as typed).
  // Nothing is written while a save is in flight or after it succeeded: a write still waiting on its timer would
  // otherwise land after the successful save cleared the draft, and the next new check would open with the old one.
  const saved = useRef(false);
  const draftToKeep = (dirty || restoredAt) && !pending ? d.draft : null;
  useEffect(() => {
    if (!draftToKeep) return;
    const write = () => {
      if (saved.current) return;
      setStorageRefused(!writeStoredDraft(storageKey, draftToKeep, version ?? null));
    };
    const t = setTimeout(write, 400);
    // A reload or a closed tab within the delay still keeps the last keystrokes.
    window.addEventListener("pagehide", write);
    return () => {
      clearTimeout(t);
      window.removeEventListener("pagehide", write);
    };
  }, [draftToKeep, storageKey, version]);

  useEffect(() => {
    if (attemptCount === 0) return;
    const first = document.querySelector("[data-field-error], [data-form-error]");
    first?.scrollIntoView({ block: "center", behavior: "smooth" });
  }, [attemptCount]);

  const onSubmit = (e: React.FormEvent) => {
    e.preventDefault();
    d.markSubmitted();
    setFormError(null);
    attempt.current += 1;
    if (d.invalid) {
      setAttemptCount(attempt.current);
      return;
    }
    const draft = d.draft;
    startTransition(async () => {
      const result =
        mode === "create"
          ? await createCheckAction({ draft })
          : await updateCheckAction({ id: checkId ?? "", expectedVersion: version ?? 0, draft });
      if (!result.ok) {
        d.setServerErrors(result.fieldErrors);
        setFormError(
          result.formError ??
            (Object.keys(result.fieldErrors).length > 0
              ? "The check was not saved. Fix the fields marked below."
              : null),
        );
        setAttemptCount(attempt.current);
        return;
      }
      saved.current = true;
      clearStoredDraft(storageKey);
      const q = new URLSearchParams({
        saved: mode === "create" ? "created" : "updated",
        sync: result.data.reconcile.status,
        note: result.data.reconcile.message,
      });
      router.push(`/checks/${result.data.id}?${q.toString()}`);
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6" aria-busy={pending}>
      {restoredAt ? (
        <Notice tone="info" title="Unsaved draft restored">
          This form holds what you typed on {new Date(restoredAt).toLocaleString()} and did not save.{" "}
          <button type="button" onClick={onDiscardRestored} className="font-medium underline">
            Discard it and start from the saved check
          </button>
        </Notice>
      ) : null}
      {storageRefused ? (
        <Notice tone="warning" title="Draft not kept">
          The browser refused to store this draft, so a reload would lose it. Save before leaving the page.
        </Notice>
      ) : null}
      {formError ? (
        <div data-form-error>
          <Notice tone="error" title="Not saved">
            {formError}
            {mode === "edit" && checkId ? (
              <>
                {" "}
                <a href={`/checks/${checkId}`} target="_blank" rel="noreferrer" className="font-medium underline">
                  Open the saved version in a new tab
                </a>
              </>
            ) : null}
          </Notice>
        </div>
      ) : null}
      <IdentitySection d={d} />
      <QuerySection d={d} runner={runner ? { ...runner, checkId } : null} />
      <TriggerSection d={d} now={now} />
      <ExpectationSection d={d} />
      <LocationSection d={d} />
      <SnapshotSection d={d} />
      <SaveBar d={d} checkId={checkId} pending={pending} />
    </form>
  );
}
