"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { deleteCheckAction, setCheckEnabledAction } from "@/lib/actions/checks";
import { failureMessage } from "@/lib/actions/result";
import { Button, ButtonLink } from "@/components/ui/button";
import { FieldErrorList, inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useCan } from "@/components/auth/role-context";

/** Edit, enable/disable and delete (behind a dialog where the operator types the check's name). */
export function CheckActions({
  id,
  name,
  version,
  enabled,
}: {
  id: string;
  name: string;
  version: number;
  enabled: boolean;
}) {
  const canEdit = useCan("updateCheck");
  const canToggle = useCan("setCheckEnabled");
  const canDelete = useCan("deleteCheck");
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState("");
  const [deleteErrors, setDeleteErrors] = useState<string[] | undefined>();

  const toggle = () =>
    startTransition(async () => {
      setError(null);
      const r = await setCheckEnabledAction({ id, expectedVersion: version, enabled: !enabled });
      if (!r.ok) {
        setError(failureMessage(r));
        // Refused because the page is stale: show the current version (the message says so).
        router.refresh();
        return;
      }
      const q = new URLSearchParams({
        saved: enabled ? "disabled" : "enabled",
        sync: r.data.reconcile.status,
        note: r.data.reconcile.message,
      });
      // The page is dynamic: navigating fetches it fresh, no refresh() needed.
      router.replace(`/checks/${id}?${q.toString()}`);
    });

  const remove = (e: React.FormEvent) => {
    e.preventDefault();
    startTransition(async () => {
      setDeleteErrors(undefined);
      const r = await deleteCheckAction({ id, expectedVersion: version, confirmName: confirm });
      if (!r.ok) {
        setDeleteErrors(r.fieldErrors.confirmName ?? [failureMessage(r, "The check was not deleted.")]);
        if (!r.fieldErrors.confirmName) router.refresh();
        return;
      }
      const q = new URLSearchParams({ deleted: name, sync: r.data.reconcile.status, note: r.data.reconcile.message });
      // Not refresh(): that would re-render this (deleted) check's page before the navigation.
      router.push(`/checks?${q.toString()}`);
    });
  };

  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex gap-2">
        {canEdit ? <ButtonLink href={`/checks/${id}/edit`}>Edit</ButtonLink> : null}
        {canToggle ? (
          <Button onClick={toggle} disabled={pending}>
            {enabled ? "Disable" : "Enable"}
          </Button>
        ) : null}
        <Button
          hidden={!canDelete}
          variant="danger"
          onClick={() => {
            setConfirm("");
            setDeleteErrors(undefined);
            dialog.current?.showModal();
          }}
        >
          Delete
        </Button>
      </div>
      {error ? (
        <div className="w-80">
          <Notice tone="error">{error}</Notice>
        </div>
      ) : null}
      <dialog
        ref={dialog}
        aria-labelledby="delete-title"
        className="m-auto w-full max-w-md rounded-lg border border-zinc-200 p-0 shadow-xl backdrop:bg-zinc-900/40"
      >
        <form onSubmit={remove} className="space-y-4 p-5">
          <h2 id="delete-title" className="text-base font-semibold">
            Delete this check?
          </h2>
          <p className="text-sm text-zinc-600">
            The check and its EventBridge rule are removed; it will not run again. Past runs stay in Step Functions
            history. This cannot be undone.
          </p>
          <div>
            <label htmlFor="confirm-name" className="block text-sm font-medium">
              Type <span className="font-semibold wrap-anywhere">{name}</span> to confirm
            </label>
            <input
              id="confirm-name"
              autoComplete="off"
              className={inputClass(!!deleteErrors, "mt-1.5")}
              value={confirm}
              onChange={(e) => setConfirm(e.target.value)}
            />
            <FieldErrorList errors={deleteErrors} />
          </div>
          <div className="flex justify-end gap-2">
            <Button variant="ghost" onClick={() => dialog.current?.close()}>
              Cancel
            </Button>
            <Button type="submit" variant="danger" disabled={pending || confirm.trim() !== name}>
              {pending ? "Deleting…" : "Delete check"}
            </Button>
          </div>
        </form>
      </dialog>
    </div>
  );
}
