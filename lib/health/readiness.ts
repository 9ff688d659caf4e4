// Readiness: is every dependency the console needs answering right now? Each probe is bounded by a short timeout so
// a load balancer's health check never hangs on a dead database or an unreachable AWS endpoint. Pure over its
// probes (the route wires the real ones), so the verdict logic is unit-tested without I/O.

export type DependencyState = "up" | "down";

export interface DependencyReport {
  state: DependencyState;
  /** Milliseconds the probe took (or the timeout when it did not answer in time). */
  latencyMs: number;
  /** Why it is down, in words (never a secret: error codes and messages only). */
  error?: string;
}

export interface ReadinessReport {
  status: "ready" | "not ready";
  dependencies: Record<string, DependencyReport>;
}

/** A probe resolves when the dependency answers and rejects (or never settles) when it does not. */
export type Probe = (signal: AbortSignal) => Promise<void>;

export class ProbeTimeoutError extends Error {
  constructor(ms: number) {
    super(`no answer within ${ms} ms`);
    this.name = "ProbeTimeoutError";
  }
}

async function runProbe(probe: Probe, timeoutMs: number, now: () => number): Promise<DependencyReport> {
  const started = now();
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new ProbeTimeoutError(timeoutMs));
    }, timeoutMs);
  });
  try {
    await Promise.race([probe(controller.signal), timeout]);
    return { state: "up", latencyMs: now() - started };
  } catch (error) {
    const message =
      error instanceof Error ? `${error.name === "Error" ? "" : `${error.name}: `}${error.message}` : String(error);
    return { state: "down", latencyMs: now() - started, error: message.slice(0, 300) };
  } finally {
    clearTimeout(timer);
  }
}

/** Runs every probe in parallel, each within `timeoutMs`; ready only when all are up. */
export async function checkReadiness(
  probes: Record<string, Probe>,
  options: { timeoutMs: number; now?: () => number },
): Promise<ReadinessReport> {
  const now = options.now ?? Date.now;
  const names = Object.keys(probes);
  const reports = await Promise.all(names.map((name) => runProbe(probes[name]!, options.timeoutMs, now)));
  const dependencies = Object.fromEntries(names.map((name, i) => [name, reports[i]!]));
  return { status: reports.every((r) => r.state === "up") ? "ready" : "not ready", dependencies };
}
