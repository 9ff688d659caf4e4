// Fault injection for reliability tests: per service/operation throttling, 5xx errors or added latency,
// either with a probability or for the next N matching calls. Applies to wire calls only (not to the
// in-process Invoker), so a fault aimed at the console never breaks a running state machine by accident.
import { randomUUID } from "node:crypto";
import { AwsError } from "./aws-error";
import { INTERNAL_ERROR_CODE, THROTTLE_ERROR_CODE } from "./protocol";
import type { ServiceName } from "./types";

export type FaultKind = "throttle" | "error5xx" | "latency";

export interface Fault {
  id: string;
  service: ServiceName;
  /** Operation name; omitted = every operation of the service. */
  operation?: string;
  kind: FaultKind;
  /** Chance in [0, 1] that a matching call is hit (default 1). */
  probability: number;
  /** Hits left; undefined = unlimited. The fault disappears when it reaches 0. */
  remaining?: number;
  /** Delay for kind "latency" (default 1000 ms). */
  latencyMs: number;
  /** How many calls this fault has hit so far. */
  hits: number;
}

const SERVICES: ServiceName[] = ["events", "states", "athena", "dynamodb", "sns", "cloudwatch", "sts", "iam"];
const KINDS: FaultKind[] = ["throttle", "error5xx", "latency"];

export class FaultRegistry {
  private faults: Fault[] = [];

  /** Validates a POST /_emulator/faults body and registers the fault; throws AwsError(ValidationException). */
  add(body: Record<string, unknown>): Fault {
    const bad = (msg: string) => new AwsError("ValidationException", msg);
    const service = body.service;
    if (typeof service !== "string" || !SERVICES.includes(service as ServiceName)) {
      throw bad(`service must be one of ${SERVICES.join(", ")}`);
    }
    const kind = body.kind;
    if (typeof kind !== "string" || !KINDS.includes(kind as FaultKind))
      throw bad(`kind must be one of ${KINDS.join(", ")}`);
    if (body.operation !== undefined && (typeof body.operation !== "string" || body.operation === "")) {
      throw bad("operation must be a non-empty string");
    }
    const probability = body.probability ?? 1;
    if (typeof probability !== "number" || !(probability >= 0 && probability <= 1))
      throw bad("probability must be a number in [0, 1]");
    const count = body.count;
    if (count !== undefined && (typeof count !== "number" || !Number.isInteger(count) || count < 1)) {
      throw bad("count must be a positive integer");
    }
    const latencyMs = body.latencyMs ?? 1000;
    if (typeof latencyMs !== "number" || latencyMs < 0 || latencyMs > 600_000)
      throw bad("latencyMs must be in [0, 600000]");
    const fault: Fault = {
      id: randomUUID(),
      service: service as ServiceName,
      operation: body.operation as string | undefined,
      kind: kind as FaultKind,
      probability,
      remaining: count as number | undefined,
      latencyMs,
      hits: 0,
    };
    this.faults.push(fault);
    return fault;
  }

  /** Every active fault (copies). */
  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  /** Removes one fault by id, or all when id is omitted; returns how many were removed. */
  clear(id?: string): number {
    const before = this.faults.length;
    this.faults = id ? this.faults.filter((f) => f.id !== id) : [];
    return before - this.faults.length;
  }

  /**
   * Applies the faults matching this call: waits for latency faults, then throws the first error fault
   * that hits. Count-based faults are consumed only when they hit.
   */
  async apply(service: ServiceName, operation: string): Promise<void> {
    let latency = 0;
    let error: AwsError | undefined;
    for (const fault of [...this.faults]) {
      if (fault.service !== service || (fault.operation !== undefined && fault.operation !== operation)) continue;
      if (fault.kind !== "latency" && error) continue;
      if (Math.random() >= fault.probability) continue;
      fault.hits++;
      if (fault.remaining !== undefined && --fault.remaining <= 0) this.clear(fault.id);
      if (fault.kind === "latency") latency = Math.max(latency, fault.latencyMs);
      else if (fault.kind === "throttle") error = new AwsError(THROTTLE_ERROR_CODE[service], "Rate exceeded", 400);
      else error = new AwsError(INTERNAL_ERROR_CODE[service], "Injected internal error (fault injection)", 500);
    }
    if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
    if (error) throw error;
  }
}
