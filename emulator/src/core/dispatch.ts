// Runs one operation of one service the way the wire does: JSON in, JSON out, and every failure turned
// into an AwsError. Shared by the HTTP handler and the in-process Invoker so both behave the same.
import { randomUUID } from "node:crypto";
import { AwsError } from "./aws-error";
import { INTERNAL_ERROR_CODE } from "./protocol";
import type { CallContext, EmulatorConfig, Invoker, ServiceDefinition, ServiceName } from "./types";

export class ServiceRegistry {
  private readonly byName = new Map<ServiceName, ServiceDefinition>();
  private readonly byPrefix = new Map<string, ServiceDefinition>();

  /** Registers a service; its targetPrefix routes X-Amz-Target. */
  add(service: ServiceDefinition): void {
    this.byName.set(service.name, service);
    this.byPrefix.set(service.targetPrefix, service);
  }

  /** The service called `name`, if loaded. */
  get(name: ServiceName): ServiceDefinition | undefined {
    return this.byName.get(name);
  }

  /** The query-protocol service whose API version is `version` (e.g. SNS's 2010-03-31). */
  byQueryVersion(version: string): ServiceDefinition | undefined {
    return this.all().find((s) => s.query?.version === version);
  }

  /** The service whose X-Amz-Target prefix is `prefix`, if loaded. */
  byTargetPrefix(prefix: string): ServiceDefinition | undefined {
    return this.byPrefix.get(prefix);
  }

  /** Every loaded service, in registration order. */
  all(): ServiceDefinition[] {
    return [...this.byName.values()];
  }
}

/** Calls `operation` on `service` and returns its JSON-ready output; throws AwsError only. */
export async function runOperation(
  service: ServiceDefinition,
  operation: string,
  input: Record<string, unknown>,
  ctx: CallContext,
): Promise<unknown> {
  const op = Object.prototype.hasOwnProperty.call(service.operations, operation)
    ? service.operations[operation]
    : undefined;
  if (!op) throw new AwsError("UnknownOperationException", `Operation ${operation} is not supported by this emulator.`);
  try {
    const out = await op(input, ctx);
    return out === undefined || out === null ? {} : out;
  } catch (err) {
    if (err instanceof AwsError) throw err;
    // An unexpected exception is an emulator bug: log it and answer like AWS's internal error.
    console.error(`[emulator] ${service.name}.${operation} failed:`, err);
    throw new AwsError(
      INTERNAL_ERROR_CODE[service.name],
      `Internal error: ${(err as Error)?.message ?? String(err)}`,
      500,
    );
  }
}

/** A fresh call context for the configured region/account. */
export function newContext(config: EmulatorConfig, requestId: string = randomUUID()): CallContext {
  return { region: config.region, accountId: config.accountId, requestId };
}

/**
 * The in-process Invoker: input and output are copied through JSON exactly as over the wire, so a caller
 * can neither share objects with the callee nor see anything the SDK would not.
 */
export function createInvoker(registry: ServiceRegistry, config: EmulatorConfig): Invoker {
  return {
    async invoke<T>(serviceName: ServiceName, operation: string, input: object): Promise<T> {
      const service = registry.get(serviceName);
      if (!service)
        throw new AwsError("UnknownOperationException", `Service ${serviceName} is not loaded in this emulator.`);
      const copy = JSON.parse(JSON.stringify(input ?? {})) as Record<string, unknown>;
      const out = await runOperation(service, operation, copy, newContext(config));
      return JSON.parse(JSON.stringify(out)) as T;
    },
  };
}
