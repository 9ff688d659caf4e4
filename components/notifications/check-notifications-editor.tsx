"use client";
// Editing a check's notification rules: destination, verdicts, every run or only changes. Saved as a whole (one
// audit event on the check), then applied to AWS. A new rule starts as FAIL and ERROR, only when the verdict changes.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { FieldErrorList, inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { setCheckNotificationsAction } from "@/lib/actions/notifications";
import { failureMessage, type ActionFailure } from "@/lib/actions/result";
import type { Verdict } from "@/lib/checks/execution-contract";
import { newCheckNotification, type CheckNotificationInput } from "@/lib/notifications/schema";

const VERDICTS: Verdict[] = ["FAIL", "ERROR", "PASS"];

export function CheckNotificationsEditor({
  checkId,
  initial,
  destinations,
}: {
  checkId: string;
  initial: CheckNotificationInput[];
  destinations: { id: string; name: string; kind: string }[];
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [open, setOpen] = useState(false);
  const [rules, setRules] = useState(initial);
  const [errors, setErrors] = useState<ActionFailure["fieldErrors"]>({});
  const [message, setMessage] = useState<{ tone: "success" | "warning" | "error"; text: string } | null>(null);

  const unused = destinations.filter((d) => !rules.some((r) => r.destinationId === d.id));
  const change = (i: number, patch: Partial<CheckNotificationInput>) =>
    setRules((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  const save = () =>
    start(async () => {
      setErrors({});
      setMessage(null);
      const r = await setCheckNotificationsAction({ checkId, notifications: rules });
      if (!r.ok) {
        setErrors(r.fieldErrors);
        setMessage({ tone: "error", text: failureMessage(r, "Not saved: see the messages beside the fields.") });
        return;
      }
      setMessage({ tone: r.data.wiring.ok ? "success" : "warning", text: `Saved. ${r.data.wiring.message}` });
      setOpen(false);
      router.refresh();
    });

  if (!open)
    return (
      <div className="space-y-2">
        {message ? <Notice tone={message.tone}>{message.text}</Notice> : null}
        <Button onClick={() => setOpen(true)}>Edit notifications</Button>
      </div>
    );

  return (
    <div className="space-y-3 rounded-md border border-zinc-200 bg-zinc-50 p-4" data-testid="notifications-editor">
      {message ? <Notice tone={message.tone}>{message.text}</Notice> : null}
      {rules.length === 0 ? (
        <p className="text-sm text-zinc-600">No notifications: nobody hears of this check.</p>
      ) : null}
      {rules.map((r, i) => {
        const err = (f: string) => errors[`notifications.${i}.${f}`];
        return (
          <fieldset key={i} className="flex flex-wrap items-start gap-4 rounded-md border border-zinc-200 bg-white p-3">
            <legend className="sr-only">Notification {i + 1}</legend>
            <label className="flex flex-col gap-1 text-sm">
              <span className="text-xs text-zinc-600">Destination</span>
              <select
                value={r.destinationId}
                onChange={(e) => change(i, { destinationId: e.target.value })}
                className={inputClass(!!err("destinationId"), "w-56")}
                aria-label={`Destination of notification ${i + 1}`}
              >
                {destinations
                  .filter((d) => d.id === r.destinationId || !rules.some((x) => x.destinationId === d.id))
                  .map((d) => (
                    <option key={d.id} value={d.id}>
                      {d.name} ({d.kind})
                    </option>
                  ))}
              </select>
              <FieldErrorList errors={err("destinationId")} />
            </label>
            <div className="flex flex-col gap-1 text-sm">
              <span className="text-xs text-zinc-600">Verdicts that notify</span>
              <div className="flex gap-3 py-1.5">
                {VERDICTS.map((v) => (
                  <label key={v} className="inline-flex items-center gap-1">
                    <input
                      type="checkbox"
                      checked={r.verdicts.includes(v)}
                      onChange={(e) =>
                        change(i, {
                          verdicts: e.target.checked ? [...r.verdicts, v] : r.verdicts.filter((x) => x !== v),
                        })
                      }
                    />
                    {v}
                  </label>
                ))}
              </div>
              <FieldErrorList errors={err("verdicts")} />
            </div>
            <label className="flex flex-col gap-1 text-sm">
              <span className="text-xs text-zinc-600">Sends</span>
              <select
                value={r.mode}
                onChange={(e) => change(i, { mode: e.target.value as CheckNotificationInput["mode"] })}
                className={inputClass(false, "w-64")}
                aria-label={`Mode of notification ${i + 1}`}
              >
                <option value="change">only when the verdict changes (and on recovery)</option>
                <option value="every">on every matching run</option>
              </select>
            </label>
            <Button
              variant="ghost"
              className="mt-5"
              onClick={() => setRules((rs) => rs.filter((_, j) => j !== i))}
              aria-label={`Remove notification ${i + 1}`}
            >
              Remove
            </Button>
          </fieldset>
        );
      })}
      <FieldErrorList errors={errors.notifications} />
      <div className="flex flex-wrap gap-2">
        <Button
          onClick={() => unused[0] && setRules((rs) => [...rs, newCheckNotification(unused[0]!.id)])}
          disabled={unused.length === 0 || pending}
        >
          Add destination
        </Button>
        <Button variant="primary" onClick={save} disabled={pending}>
          {pending ? "Saving…" : "Save notifications"}
        </Button>
        <Button
          variant="ghost"
          onClick={() => {
            setRules(initial);
            setErrors({});
            setOpen(false);
          }}
          disabled={pending}
        >
          Cancel
        </Button>
      </div>
      {destinations.length === 0 ? (
        <p className="text-sm text-zinc-600">
          There are no destinations yet: an administrator creates them on Notifications.
        </p>
      ) : null}
    </div>
  );
}
