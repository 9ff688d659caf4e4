"use client";

// Acknowledge a finding (comment, until a date or for good), or withdraw an acknowledgement; operators only.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useCan } from "@/components/auth/role-context";
import { Button } from "@/components/ui/button";
import { FieldErrorList, inputClass } from "@/components/ui/field";
import { acknowledgeFindingAction, withdrawAcknowledgementAction } from "@/lib/actions/findings";
import { failureMessage } from "@/lib/actions/result";

export function AckForm({ findingId, acknowledged }: { findingId: string; acknowledged: boolean }) {
  const allowed = useCan("acknowledgeFinding");
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [comment, setComment] = useState("");
  const [until, setUntil] = useState("");
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [note, setNote] = useState<string | null>(null);
  const [pending, start] = useTransition();
  if (!allowed) return null;

  if (acknowledged)
    return (
      <span className="inline-flex flex-col items-end gap-1">
        <Button
          disabled={pending}
          onClick={() =>
            start(async () => {
              const r = await withdrawAcknowledgementAction({ findingId });
              if (r.ok) router.refresh();
              else setNote(failureMessage(r));
            })
          }
        >
          {pending ? "Withdrawing…" : "Withdraw"}
        </Button>
        {note ? <span className="text-xs text-red-700">{note}</span> : null}
      </span>
    );

  if (!open)
    return (
      <Button onClick={() => setOpen(true)} data-testid={`ack-open-${findingId}`}>
        Acknowledge
      </Button>
    );

  return (
    <form
      className="flex w-72 flex-col gap-2 text-left"
      data-testid={`ack-form-${findingId}`}
      onSubmit={(e) => {
        e.preventDefault();
        setErrors({});
        setNote(null);
        start(async () => {
          const r = await acknowledgeFindingAction({ findingId, comment, until });
          if (r.ok) {
            setOpen(false);
            if (r.data.sync) setNote(r.data.sync.message);
            router.refresh();
          } else {
            setErrors(r.fieldErrors);
            if (r.formError) setNote(r.formError);
          }
        });
      }}
    >
      <label className="text-xs font-medium text-zinc-700" htmlFor={`ack-comment-${findingId}`}>
        Why is this acceptable?
      </label>
      <textarea
        id={`ack-comment-${findingId}`}
        className={inputClass(!!errors.comment, "min-h-16 text-sm")}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        aria-invalid={!!errors.comment}
      />
      <FieldErrorList errors={errors.comment} />
      <label className="text-xs font-medium text-zinc-700" htmlFor={`ack-until-${findingId}`}>
        Until (UTC date; empty: for good)
      </label>
      <input
        id={`ack-until-${findingId}`}
        type="date"
        className={inputClass(!!errors.until, "text-sm")}
        value={until}
        onChange={(e) => setUntil(e.target.value)}
        aria-invalid={!!errors.until}
      />
      <FieldErrorList errors={errors.until} />
      {note ? <p className="text-xs text-red-700">{note}</p> : null}
      <div className="flex justify-end gap-2">
        <Button type="button" onClick={() => setOpen(false)} disabled={pending}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" disabled={pending}>
          {pending ? "Acknowledging…" : "Acknowledge"}
        </Button>
      </div>
    </form>
  );
}
