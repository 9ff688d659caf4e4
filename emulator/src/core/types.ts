// Contracts shared by the emulator's services. The emulator imports nothing from the console.
import type { MetricStore } from "./metrics";

export type ServiceName = "events" | "states" | "athena" | "dynamodb" | "sns" | "cloudwatch" | "sts" | "iam";

/** Who is calling and where: the region/account come from config (signatures are not verified). */
export interface CallContext {
  region: string;
  accountId: string;
  requestId: string;
}

/** One AWS operation: JSON input in, JSON-ready output out (timestamps already epoch seconds). Throws AwsError. */
export type Operation = (input: Record<string, unknown>, ctx: CallContext) => Promise<unknown> | unknown;

/** Calls another service's operation in-process, exactly as the wire would (same validation, same errors). */
export interface Invoker {
  invoke<T = unknown>(service: ServiceName, operation: string, input: object): Promise<T>;
}

export interface ServiceDefinition {
  name: ServiceName;
  /** e.g. "AWSEvents", "AWSStepFunctions", "AmazonAthena" */
  targetPrefix: string;
  jsonVersion: "1.0" | "1.1";
  /** Set for a service that speaks the AWS query protocol (form in, XML out) instead of JSON, e.g. SNS. */
  query?: { version: string; xmlNamespace: string };
  operations: Record<string, Operation>;
  /** Background work (schedulers, query runners). */
  start?(): Promise<void>;
  /** Stop background work and flush state to disk. */
  stop?(): Promise<void>;
  /** Forget all state (used by the reset endpoint in tests). */
  reset?(): Promise<void>;
  /** Counts shown by GET /_emulator/health (e.g. { rules: 3 }). Added by E1 (additive). */
  health?(): Record<string, unknown>;
  /**
   * Test/debug hooks served at `/_emulator/<service>/<name>` (GET gets the query string, POST the JSON body).
   * Throw AwsError for a clean 4xx. Added by E1 (additive).
   */
  admin?: Record<string, AdminHandler>;
}

/** A `/_emulator/<service>/<name>` hook: query parameters (GET) or the JSON body (POST) in, JSON out. */
export type AdminHandler = (input: Record<string, unknown>, method: string) => Promise<unknown> | unknown;

export interface EmulatorConfig {
  port: number;
  host: string;
  region: string;
  accountId: string;
  /** State survives restarts under this directory (default .data/emulator). */
  dataDir: string;
  /** Any other `--flag value` given to main.ts (e.g. options["athena-data"]), for services to read. Added by E1. */
  options?: Record<string, string>;
}

/** What every service factory receives: `createXService(deps): ServiceDefinition`. */
export interface ServiceDeps {
  config: EmulatorConfig;
  invoker: Invoker;
  /** This service's own directory for persisted state (e.g. <dataDir>/states). Created by the core. */
  stateDir: string;
  /** Metric data points shared between the services that produce them and CloudWatch. */
  metrics: MetricStore;
}
