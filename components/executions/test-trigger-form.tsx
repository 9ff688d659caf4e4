"use client";

import { useCan } from "@/components/auth/role-context";
import { Link } from "@/components/ui/link";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { sendTriggerEvent, testTriggerPattern } from "@/lib/actions/executions";
import { failureMessage, type ActionResult } from "@/lib/actions/result";

interface Sample {
  id: string;
  label: string;
  json: string;
}

type Outcome =
  { kind: "match"; matches: boolean } | { kind: "sent"; eventId: string } | { kind: "error"; message: string };

const failure = (r: ActionResult<unknown>) => (r.ok ? "" : failureMessage(r));

/** Paste or pick an event, see whether the check's pattern matches it, and (emulator) send it for real. */
export function TestTriggerForm({
  checkId,
  samples,
  canSend,
}: {
  checkId: string;
  samples: Sample[];
  canSend: boolean;
}) {
  const maySend = useCan("sendEvent");
  const [sampleId, setSampleId] = useState(samples[0]?.id ?? "");
  const [text, setText] = useState(samples[0]?.json ?? "{}");
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [pending, startTransition] = useTransition();

  const pick = (id: string) => {
    setSampleId(id);
    const s = samples.find((x) => x.id === id);
    if (s) setText(s.json);
    setOutcome(null);
  };

  const test = () =>
    startTransition(async () => {
      const r = await testTriggerPattern({ checkId, event: text });
      setOutcome(r.ok ? { kind: "match", matches: r.data.matches } : { kind: "error", message: failure(r) });
    });
  const send = () =>
    startTransition(async () => {
      const r = await sendTriggerEvent({ checkId, event: text });
      setOutcome(r.ok ? { kind: "sent", eventId: r.data.eventId } : { kind: "error", message: failure(r) });
    });

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-3">
        <label className="flex flex-col gap-1 text-xs font-medium text-zinc-600">
          Sample event
          <select
            value={sampleId}
            onChange={(e) => pick(e.target.value)}
            className="h-8 rounded-md border border-zinc-300 bg-white px-2 text-sm"
          >
            {samples.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        <span className="pb-1.5 text-xs text-zinc-500">…or paste any event below.</span>
      </div>
      <label className="block">
        <span className="sr-only">Event JSON</span>
        <textarea
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setOutcome(null);
          }}
          spellCheck={false}
          rows={22}
          className="block w-full rounded-md border border-zinc-300 bg-white p-3 font-mono text-xs leading-5 shadow-xs focus:outline-2 focus:outline-blue-600"
          data-testid="event-json"
        />
      </label>
      <div className="flex flex-wrap items-center gap-2">
        <Button variant="primary" onClick={test} disabled={pending}>
          {pending ? "Working…" : "Test pattern"}
        </Button>
        {canSend && maySend ? (
          <Button
            onClick={send}
            disabled={pending}
            title="PutEvents on the emulator's default bus: the check's rule starts a real execution"
          >
            Send as a real event
          </Button>
        ) : (
          <span className="text-xs text-zinc-500">Sending events is offered against the emulator only.</span>
        )}
      </div>
      <div aria-live="polite">
        {outcome?.kind === "match" ? (
          outcome.matches ? (
            <Notice tone="success" title="The pattern matches this event.">
              EventBridge would start this check for it.
            </Notice>
          ) : (
            <Notice tone="warning" title="The pattern does not match this event.">
              EventBridge would not start this check for it.
            </Notice>
          )
        ) : null}
        {outcome?.kind === "sent" ? (
          <Notice tone="success" title={`Event sent (id ${outcome.eventId}).`}>
            If the rule is in place, an execution starts in a moment:{" "}
            <Link href={`/executions?check=${checkId}`} className="underline">
              watch this check&apos;s runs
            </Link>
            .
          </Notice>
        ) : null}
        {outcome?.kind === "error" ? <Notice tone="error" title={outcome.message} /> : null}
      </div>
    </div>
  );
}
