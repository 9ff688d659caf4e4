"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useCan } from "@/components/auth/role-context";
import { Button } from "@/components/ui/button";
import type { Permission } from "@/lib/auth/permissions";
import { rerunExecution, runNowExecution, stopExecution, syncExecutionsNow } from "@/lib/actions/executions";
import { failureMessage, type ActionResult } from "@/lib/actions/result";

function errorOf(r: ActionResult<unknown>): string | null {
  return r.ok ? null : failureMessage(r);
}

/** A button running one server action, with its pending state and its refusal shown beside it; hidden from a role
 * without `permission`. */
function ActionButton<T>({
  permission,
  label,
  pendingLabel,
  run,
  onDone,
  variant = "secondary",
  confirm,
}: {
  permission: Permission;
  label: string;
  pendingLabel: string;
  run: () => Promise<ActionResult<T>>;
  onDone: (data: T) => void;
  variant?: "primary" | "secondary" | "danger";
  confirm?: string;
}) {
  const allowed = useCan(permission);
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  if (!allowed) return null;
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <Button
        variant={variant}
        disabled={pending}
        onClick={() => {
          if (confirm && !window.confirm(confirm)) return;
          setError(null);
          startTransition(async () => {
            const r = await run();
            if (r.ok) onDone(r.data);
            else setError(errorOf(r));
          });
        }}
      >
        {pending ? pendingLabel : label}
      </Button>
      {error ? (
        <span role="alert" className="max-w-sm text-right text-xs text-red-700">
          {error}
        </span>
      ) : null}
    </span>
  );
}

export function RunNowButton({ checkId, variant = "primary" }: { checkId: string; variant?: "primary" | "secondary" }) {
  const router = useRouter();
  return (
    <ActionButton
      permission="runNow"
      label="Run now"
      pendingLabel="Starting…"
      variant={variant}
      run={() => runNowExecution({ checkId })}
      onDone={({ name }) => router.push(`/executions/${encodeURIComponent(name)}`)}
    />
  );
}

export function RerunButton({ name }: { name: string }) {
  const router = useRouter();
  return (
    <ActionButton
      permission="rerun"
      label="Rerun"
      pendingLabel="Starting…"
      run={() => rerunExecution({ name })}
      onDone={({ name: started }) => router.push(`/executions/${encodeURIComponent(started)}`)}
    />
  );
}

export function StopButton({ name }: { name: string }) {
  const router = useRouter();
  return (
    <ActionButton
      permission="stop"
      label="Stop"
      pendingLabel="Stopping…"
      variant="danger"
      confirm="Stop this execution? Its query may already have run; stopping records the execution as stopped."
      run={() => stopExecution({ name })}
      onDone={() => router.refresh()}
    />
  );
}

export function SyncNowButton() {
  const router = useRouter();
  return (
    <ActionButton
      permission="syncExecutions"
      label="Sync now"
      pendingLabel="Syncing…"
      run={() => syncExecutionsNow()}
      onDone={() => router.refresh()}
    />
  );
}
