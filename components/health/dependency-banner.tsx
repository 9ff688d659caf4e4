"use client";

import { useEffect, useState } from "react";

// A banner on every page while AWS (or the database) does not answer, from the same readiness probe a load
// balancer reads: the operator learns why an action is slow or refused before trying it, and sees it clear again.

interface Dependency {
  state: "up" | "down";
  error?: string;
}
interface Readiness {
  status: "ready" | "not ready";
  reason?: string;
  dependencies: Record<string, Dependency>;
}

const POLL_MS = 15_000;
const AWS_DEPENDENCIES: Record<string, string> = { eventbridge: "EventBridge", stepfunctions: "Step Functions" };

/** What is down, in words, or null when everything answers (or the probe itself could not be read). */
export function outageMessage(r: Readiness): { title: string; detail: string } | null {
  if (r.status === "ready") return null;
  const down = Object.entries(r.dependencies).filter(([, d]) => d.state === "down");
  const aws = down.filter(([name]) => name in AWS_DEPENDENCIES);
  const database = down.find(([name]) => name === "database");
  if (database) {
    return {
      title: "The database does not answer",
      detail: `Pages may fail to load and nothing can be saved until it is back (${database[1].error ?? "no answer"}).`,
    };
  }
  if (aws.length > 0) {
    const names = aws.map(([name]) => AWS_DEPENDENCIES[name]).join(" and ");
    return {
      title: "AWS unreachable",
      detail: `${names} did not answer (${aws[0]![1].error ?? "no answer"}). Checks you save are kept and synced to AWS when it answers again; runs and results cannot be read meanwhile.`,
    };
  }
  return null;
}

export function DependencyBanner() {
  const [outage, setOutage] = useState<{ title: string; detail: string } | null>(null);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const controller = new AbortController();
    const poll = async () => {
      try {
        const res = await fetch("/readyz", { cache: "no-store", signal: controller.signal });
        const body = (await res.json()) as Readiness;
        if (!stopped) setOutage(outageMessage(body));
      } catch {
        // The console itself did not answer: the browser's own error page says more than a banner could.
      }
      if (!stopped) timer = setTimeout(poll, POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      controller.abort();
      clearTimeout(timer);
    };
  }, []);
  if (!outage) return null;
  return (
    <div role="alert" data-testid="dependency-banner" className="border-b border-amber-300 bg-amber-50">
      <p className="mx-auto max-w-7xl px-6 py-2 text-sm text-amber-900">
        <span className="font-semibold">{outage.title}.</span> {outage.detail}
      </p>
    </div>
  );
}
