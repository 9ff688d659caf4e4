"use client";
// A destination row's buttons: Send test (operator), Edit and Delete (admin), and what the last of them said.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { usePermissions } from "@/components/auth/role-context";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { deleteDestinationAction, sendTestAction } from "@/lib/actions/notifications";
import { failureMessage } from "@/lib/actions/result";
import { DestinationForm, type EditedDestination } from "./destination-form";

export function DestinationActions({ destination, allowHttp }: { destination: EditedDestination; allowHttp: boolean }) {
  const router = useRouter();
  const allowed = usePermissions();
  const [pending, start] = useTransition();
  const [busy, setBusy] = useState<"test" | "delete" | null>(null);
  const [editing, setEditing] = useState(false);
  const [message, setMessage] = useState<{ tone: "success" | "warning" | "error" | "info"; text: string } | null>(null);

  const test = () =>
    start(async () => {
      setBusy("test");
      setMessage({ tone: "info", text: "Sending a test through EventBridge…" });
      const r = await sendTestAction({ id: destination.id });
      setBusy(null);
      if (!r.ok) return setMessage({ tone: "error", text: failureMessage(r) });
      setMessage({
        tone: r.data.delivered === true ? "success" : r.data.delivered === false ? "error" : "warning",
        text: r.data.message,
      });
      router.refresh();
    });

  const remove = () => {
    if (!window.confirm(`Delete the destination “${destination.name}”? Its AWS connection and API destination go too.`))
      return;
    start(async () => {
      setBusy("delete");
      const r = await deleteDestinationAction({ id: destination.id });
      setBusy(null);
      if (!r.ok) return setMessage({ tone: "error", text: failureMessage(r) });
      router.refresh();
    });
  };

  return (
    <div className="space-y-2">
      <div className="flex justify-end gap-2">
        {allowed("sendNotificationTest") ? (
          <Button onClick={test} disabled={pending} aria-label={`Send test to ${destination.name}`}>
            {busy === "test" ? "Sending…" : "Send test"}
          </Button>
        ) : null}
        {allowed("manageNotificationDestinations") ? (
          <>
            <Button onClick={() => setEditing((v) => !v)} disabled={pending} aria-label={`Edit ${destination.name}`}>
              Edit
            </Button>
            <Button variant="danger" onClick={remove} disabled={pending} aria-label={`Delete ${destination.name}`}>
              {busy === "delete" ? "Deleting…" : "Delete"}
            </Button>
          </>
        ) : null}
      </div>
      {message ? (
        <div className="text-left" data-testid="destination-outcome">
          <Notice tone={message.tone}>{message.text}</Notice>
        </div>
      ) : null}
      {editing ? (
        <div className="rounded-md border border-zinc-200 bg-zinc-50 p-4 text-left">
          <DestinationForm editing={destination} allowHttp={allowHttp} onDone={() => setEditing(false)} />
        </div>
      ) : null}
    </div>
  );
}
