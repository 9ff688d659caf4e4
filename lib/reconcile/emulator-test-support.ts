// For the reconciler's integration tests on the emulator process: clients that record the order of the calls that
// reach it, and the emulator's fault injection (`/_emulator/faults`).
import { createAwsClients, type AwsClients } from "@/lib/aws/create-clients";
import type { EmulatorProcess } from "@/lib/testing/emulator-process";
import { operationName, type Middleware } from "./call-log";

/** The part of an SDK client's middleware stack used here. */
interface MiddlewareStack {
  add(middleware: Middleware, options: { step: "initialize"; name: string }): void;
}

/**
 * Clients on the emulator without SDK retries (an injected fault fails its call at once) that record, in the order
 * they are sent, the operations `keep` selects.
 */
export function recordingClients(emu: EmulatorProcess, keep: (op: string) => boolean): AwsClients & { sent: string[] } {
  const clients = createAwsClients({
    region: "us-east-1",
    endpoint: emu.url,
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    maxAttempts: 1,
  });
  const sent: string[] = [];
  const record: Middleware = (next, context) => (args) => {
    const op = operationName(context.commandName ?? "");
    if (keep(op)) sent.push(op);
    return next(args);
  };
  for (const client of [clients.events, clients.sfn]) {
    (client.middlewareStack as unknown as MiddlewareStack).add(record, { step: "initialize", name: "recordCalls" });
  }
  return { ...clients, sent };
}

/** Registers an emulator fault (e.g. `{ service: "events", operation: "PutRule", kind: "throttle", count: 3 }`). */
export async function injectFault(emu: EmulatorProcess, fault: Record<string, unknown>): Promise<void> {
  const r = await fetch(`${emu.url}/_emulator/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(fault),
  });
  if (!r.ok) throw new Error(`the emulator refused the fault: ${r.status} ${await r.text()}`);
}

/** The faults still registered (a used-up count fault disappears). */
export async function remainingFaults(emu: EmulatorProcess): Promise<Array<{ operation?: string }>> {
  return ((await (await fetch(`${emu.url}/_emulator/faults`)).json()) as { faults: Array<{ operation?: string }> })
    .faults;
}

export async function clearFaults(emu: EmulatorProcess): Promise<void> {
  await fetch(`${emu.url}/_emulator/faults`, { method: "DELETE" });
}
