// What the states operations share, and small input checks used by several of them.
import { AwsError } from "../core/aws-error";
import type { EmulatorConfig } from "../core/types";
import type { Violations } from "../core/validation";
import type { ExecutionManager } from "./executions";
import type { StatesStore } from "./store";

export interface StatesContext {
  config: EmulatorConfig;
  store: StatesStore;
  manager: ExecutionManager;
}

/** Checks an enum member in AWS's words; returns it when valid. */
export function enumMember<T extends string>(
  v: Violations,
  value: unknown,
  field: string,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string" || !allowed.includes(value as T)) {
    v.add(
      `Value '${String(value)}' at '${field}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(", ")}]`,
    );
    return undefined;
  }
  return value as T;
}

/** Reads an optional boolean member (SerializationException when it is another type). */
export function booleanMember(value: unknown, field: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean")
    throw new AwsError("SerializationException", `Unexpected value type for '${field}': expected a boolean`);
  return value;
}

/** Reads an optional object member (SerializationException when it is another type). */
export function objectMember(value: unknown, field: string): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "object" || Array.isArray(value)) {
    throw new AwsError("SerializationException", `Unexpected value type for '${field}': expected an object`);
  }
  return value as Record<string, unknown>;
}
