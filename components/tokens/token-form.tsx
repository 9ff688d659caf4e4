"use client";
// New service token: name, role, expiry. The created token is shown once, here, and never again.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { FieldErrorList, inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { createTokenAction, revokeTokenAction } from "@/lib/actions/tokens";
import { failureMessage, type ActionFailure } from "@/lib/actions/result";

export function NewTokenForm() {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<ActionFailure["fieldErrors"]>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);

  const submit = (form: FormData) =>
    start(async () => {
      setErrors({});
      setFormError(null);
      const days = String(form.get("expiresInDays") ?? "").trim();
      const r = await createTokenAction({
        name: String(form.get("name") ?? ""),
        role: String(form.get("role") ?? ""),
        expiresInDays: days === "" ? null : Number(days),
      });
      if (!r.ok) {
        setErrors(r.fieldErrors);
        setFormError(r.formError ? failureMessage(r) : null);
        return;
      }
      setCreated(r.data);
      router.refresh();
    });

  return (
    <div className="space-y-3">
      {created ? (
        <Notice tone="success" title={`Token “${created.name}” created. Copy it now: it is not shown again.`}>
          <code data-testid="new-token" className="mt-1 block font-mono text-xs break-all select-all">
            {created.token}
          </code>
        </Notice>
      ) : null}
      {formError ? <Notice tone="error">{formError}</Notice> : null}
      <form
        action={submit}
        className="flex flex-wrap items-start gap-3 rounded-md border border-zinc-200 bg-white p-3 text-sm"
      >
        <label className="flex flex-col gap-1">
          <span className="text-xs text-zinc-600">Name</span>
          <input name="name" required aria-invalid={!!errors.name} className={inputClass(!!errors.name, "w-56")} />
          <FieldErrorList errors={errors.name} />
        </label>
        <label className="flex flex-col gap-1">
          <span className="text-xs text-zinc-600">Role</span>
          <select name="role" defaultValue="viewer" className={inputClass(!!errors.role, "w-36")}>
            <option value="viewer">viewer</option>
            <option value="operator">operator</option>
            <option value="admin">admin</option>
          </select>
          <FieldErrorList errors={errors.role} />
        </label>
        <label className="flex flex-col gap-1">
          <span className="text-xs text-zinc-600">Expires in (days, empty: never)</span>
          <input
            name="expiresInDays"
            inputMode="numeric"
            defaultValue="90"
            aria-invalid={!!errors.expiresInDays}
            className={inputClass(!!errors.expiresInDays, "w-36")}
          />
          <FieldErrorList errors={errors.expiresInDays} />
        </label>
        <Button type="submit" variant="primary" disabled={pending} className="mt-5">
          {pending ? "Creating…" : "Create token"}
        </Button>
      </form>
    </div>
  );
}

export function RevokeTokenButton({ id, name }: { id: string; name: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <Button
        variant="danger"
        disabled={pending}
        aria-label={`Revoke ${name}`}
        onClick={() => {
          if (!window.confirm(`Revoke the token “${name}”? Scripts using it stop working at once.`)) return;
          start(async () => {
            const r = await revokeTokenAction({ id });
            if (!r.ok) setError(failureMessage(r));
            router.refresh();
          });
        }}
      >
        Revoke
      </Button>
      {error ? <span className="text-xs text-red-700">{error}</span> : null}
    </span>
  );
}
