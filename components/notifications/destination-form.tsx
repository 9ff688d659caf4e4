"use client";
// Create or edit a notification destination. Secrets (the URL, the secret header's value) are write-only: the
// form never receives them back; leaving them blank while editing keeps what is stored.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { createDestinationAction, updateDestinationAction } from "@/lib/actions/notifications";
import { failureMessage, type ActionFailure } from "@/lib/actions/result";
import type { DestinationDraft, DestinationKind } from "@/lib/notifications/schema";

export interface EditedDestination {
  id: string;
  version: number;
  name: string;
  kind: DestinationKind;
  urlMasked: string | null;
  topicArn: string | null;
  secretHeaderName: string | null;
  hasSecretHeader: boolean;
}

const KIND_LABEL: Record<DestinationKind, string> = {
  slack: "Slack incoming webhook",
  webhook: "HTTPS webhook (JSON)",
  sns: "Amazon SNS topic",
};

export function DestinationForm({
  editing,
  allowHttp,
  onDone,
}: {
  editing?: EditedDestination;
  allowHttp: boolean;
  onDone?: () => void;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [kind, setKind] = useState<DestinationKind>(editing?.kind ?? "slack");
  const [errors, setErrors] = useState<ActionFailure["fieldErrors"]>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const idp = editing ? `dest-${editing.id}` : "dest-new";

  const submit = (form: FormData) =>
    start(async () => {
      setErrors({});
      setFormError(null);
      setOutcome(null);
      const draft: DestinationDraft = {
        name: String(form.get("name") ?? ""),
        kind,
        url: String(form.get("url") ?? ""),
        topicArn: String(form.get("topicArn") ?? ""),
        secretHeaderName: String(form.get("secretHeaderName") ?? ""),
        secretHeaderValue: String(form.get("secretHeaderValue") ?? ""),
      };
      const r = editing
        ? await updateDestinationAction({ id: editing.id, expectedVersion: editing.version, draft })
        : await createDestinationAction({ draft });
      if (!r.ok) {
        setErrors(r.fieldErrors);
        setFormError(r.formError || Object.keys(r.fieldErrors).length === 0 ? failureMessage(r) : null);
        return;
      }
      setOutcome({ ok: r.data.wiring.ok, text: `Saved “${r.data.name}”. ${r.data.wiring.message}` });
      router.refresh();
      onDone?.();
    });

  const err = (f: string) => errors[f];
  return (
    <form action={submit} className="space-y-4" aria-label={editing ? `Edit ${editing.name}` : "New destination"}>
      {formError ? <Notice tone="error">{formError}</Notice> : null}
      {outcome ? <Notice tone={outcome.ok ? "success" : "warning"}>{outcome.text}</Notice> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          id={`${idp}-name`}
          label="Name"
          errors={err("name")}
          hint="Letters, digits, - and _; names its AWS resources."
        >
          <input
            id={`${idp}-name`}
            name="name"
            defaultValue={editing?.name ?? ""}
            aria-invalid={!!err("name")}
            className={inputClass(!!err("name"))}
          />
        </Field>
        <Field id={`${idp}-kind`} label="Kind" errors={err("kind")}>
          <select
            id={`${idp}-kind`}
            name="kind"
            value={kind}
            onChange={(e) => setKind(e.target.value as DestinationKind)}
            className={inputClass(!!err("kind"))}
          >
            {(Object.keys(KIND_LABEL) as DestinationKind[]).map((k) => (
              <option key={k} value={k}>
                {KIND_LABEL[k]}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {kind === "sns" ? (
        <Field
          id={`${idp}-topic`}
          label="Topic ARN"
          errors={err("topicArn")}
          hint="Email and SMS subscriptions fan out from the topic. Its access policy must let EventBridge publish."
        >
          <input
            id={`${idp}-topic`}
            name="topicArn"
            defaultValue={editing?.topicArn ?? ""}
            placeholder="arn:aws:sns:eu-central-1:123456789012:audit-alerts"
            aria-invalid={!!err("topicArn")}
            className={inputClass(!!err("topicArn"), "font-mono")}
          />
        </Field>
      ) : (
        <Field
          id={`${idp}-url`}
          label={kind === "slack" ? "Webhook URL (secret)" : "URL (secret)"}
          errors={err("url")}
          hint={
            editing?.urlMasked
              ? `Stored: ${editing.urlMasked} — leave blank to keep it.`
              : `Stored encrypted and never shown again.${allowHttp ? " On the emulator http:// is allowed (its receiver: /_emulator/webhooks/<name>)." : " Must be https://."}`
          }
        >
          <input
            id={`${idp}-url`}
            name="url"
            type="password"
            autoComplete="off"
            placeholder={kind === "slack" ? "https://hooks.slack.com/services/…" : "https://hooks.example.com/audit"}
            aria-invalid={!!err("url")}
            className={inputClass(!!err("url"), "font-mono")}
          />
        </Field>
      )}
      {kind === "webhook" ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id={`${idp}-hname`} label="Secret header (optional)" errors={err("secretHeaderName")}>
            <input
              id={`${idp}-hname`}
              name="secretHeaderName"
              defaultValue={editing?.secretHeaderName ?? ""}
              placeholder="X-Webhook-Secret"
              aria-invalid={!!err("secretHeaderName")}
              className={inputClass(!!err("secretHeaderName"), "font-mono")}
            />
          </Field>
          <Field
            id={`${idp}-hvalue`}
            label="Header value (secret)"
            errors={err("secretHeaderValue")}
            hint={editing?.hasSecretHeader ? "Stored — leave blank to keep it." : undefined}
          >
            <input
              id={`${idp}-hvalue`}
              name="secretHeaderValue"
              type="password"
              autoComplete="off"
              aria-invalid={!!err("secretHeaderValue")}
              className={inputClass(!!err("secretHeaderValue"))}
            />
          </Field>
        </div>
      ) : null}
      <div className="flex gap-2">
        <Button type="submit" variant="primary" disabled={pending}>
          {pending ? "Saving…" : editing ? "Save destination" : "Create destination"}
        </Button>
        {onDone ? (
          <Button type="button" onClick={onDone} disabled={pending}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}
