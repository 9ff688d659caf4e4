"use client";
// Applies the plan (a full pass under the reconcile lock) and shows what happened.
import { useCan } from "@/components/auth/role-context";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import type { AppliedPass } from "@/lib/actions/reconcile";
import { failureMessage, type ActionResult } from "@/lib/actions/result";
import { SyncMessage } from "./sync-message";

function shown(r: ActionResult<AppliedPass>): { ok: boolean; message: string; details: string[] } {
  return r.ok
    ? { ok: r.data.clean, message: r.data.message, details: r.data.details }
    : { ok: false, message: failureMessage(r), details: [] };
}

export function ApplyButton({
  action,
  disabled,
}: {
  action: () => Promise<ActionResult<AppliedPass>>;
  disabled?: boolean;
}) {
  const allowed = useCan("applyReconcile");
  const [result, run, pending] = useActionState(async () => shown(await action()), null);
  if (!allowed) return null;
  return (
    <div className="space-y-3">
      <form action={run}>
        <Button type="submit" variant="primary" disabled={pending || disabled}>
          {pending ? "Applying…" : "Apply plan"}
        </Button>
      </form>
      {result ? (
        <Notice tone={result.ok ? "success" : "error"} title={result.message}>
          {result.details.length ? (
            <ul className="list-disc pl-4">
              {result.details.map((d) => (
                <li key={d}>
                  <SyncMessage message={d} />
                </li>
              ))}
            </ul>
          ) : null}
        </Notice>
      ) : null}
    </div>
  );
}
