"use client";
// The Settings page's AWS preflight: a button that runs it (admin) and the list of items, each with its fix.
import { useActionState } from "react";
import { useCan } from "@/components/auth/role-context";
import { Badge, type Tone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { failureMessage, type ActionResult } from "@/lib/actions/result";
import type { PreflightReport, PreflightStatus } from "@/lib/doctor/preflight";

const STATUS: Record<PreflightStatus, { tone: Tone; label: string }> = {
  pass: { tone: "green", label: "Pass" },
  warn: { tone: "amber", label: "Warning" },
  fail: { tone: "red", label: "Fail" },
};

type Shown = { ok: true; report: PreflightReport } | { ok: false; message: string };

export function PreflightPanel({ action }: { action: () => Promise<ActionResult<PreflightReport>> }) {
  const allowed = useCan("runPreflight");
  const [result, run, pending] = useActionState(async (): Promise<Shown> => {
    const r = await action();
    return r.ok ? { ok: true, report: r.data } : { ok: false, message: failureMessage(r) };
  }, null);
  if (!allowed) return null;
  const counts = result?.ok
    ? (["pass", "warn", "fail"] as const).map(
        (s) => [s, result.report.items.filter((i) => i.status === s).length] as const,
      )
    : [];
  return (
    <div className="space-y-3">
      <form action={run} className="flex flex-wrap items-center gap-3">
        <Button type="submit" variant="primary" disabled={pending}>
          {pending ? "Checking…" : result ? "Run again" : "Run preflight"}
        </Button>
        {result?.ok ? (
          <span className="text-sm text-zinc-600">
            {counts
              .map(
                ([s, n]) =>
                  `${n} ${s === "pass" ? "passed" : s === "warn" ? (n === 1 ? "warning" : "warnings") : "failed"}`,
              )
              .join(", ")}{" "}
            · checked at {new Date(result.report.checkedAt).toLocaleTimeString()}
          </span>
        ) : null}
      </form>
      {result && !result.ok ? (
        <Notice tone="error" title="The preflight did not run">
          {result.message}
        </Notice>
      ) : null}
      {result?.ok ? (
        <ul
          className="divide-y divide-zinc-200 rounded-md border border-zinc-200 bg-white"
          aria-label="Preflight results"
        >
          {result.report.items.map((i) => (
            <li key={i.id} className="grid gap-x-4 gap-y-1 px-4 py-3 sm:grid-cols-[6rem_1fr]">
              <div>
                <Badge tone={STATUS[i.status].tone}>{STATUS[i.status].label}</Badge>
              </div>
              <div className="min-w-0 space-y-1">
                <p className="text-sm font-medium text-zinc-900">{i.title}</p>
                <p className="text-sm text-zinc-600 wrap-anywhere">{i.detail}</p>
                {i.fix ? (
                  <p className="text-sm text-zinc-800 wrap-anywhere">
                    <span className="font-medium">Fix: </span>
                    {i.fix}
                  </p>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
