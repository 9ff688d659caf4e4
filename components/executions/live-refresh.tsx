"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";

/**
 * Keeps a server-rendered page current without a reload: every `intervalMs` it optionally asks the server to
 * sync (POST `syncUrl`), then re-renders the page's server components (router.refresh keeps client state and the
 * URL). The page decides `active` on each render, so polling stops by itself once nothing is running.
 */
export function LiveRefresh({
  active,
  intervalMs,
  syncUrl,
  label = "Live",
}: {
  active: boolean;
  intervalMs: number;
  syncUrl?: string;
  label?: string;
}) {
  const router = useRouter();
  const busy = useRef(false);
  const [lastAt, setLastAt] = useState<Date | null>(null);

  useEffect(() => {
    if (!active) return;
    const id = setInterval(async () => {
      if (busy.current || document.visibilityState === "hidden") return;
      busy.current = true;
      try {
        if (syncUrl) await fetch(syncUrl, { method: "POST" }).catch(() => undefined);
        router.refresh();
        setLastAt(new Date());
      } finally {
        busy.current = false;
      }
    }, intervalMs);
    return () => clearInterval(id);
  }, [active, intervalMs, syncUrl, router]);

  if (!active) return null;
  return (
    <span
      className="inline-flex items-center gap-1.5 text-xs text-zinc-500"
      role="status"
      aria-live="off"
      data-live="on"
    >
      <span aria-hidden className="h-2 w-2 animate-pulse rounded-full bg-emerald-500" />
      {label}
      {lastAt ? <span className="sr-only">updated {lastAt.toISOString()}</span> : null}
    </span>
  );
}
