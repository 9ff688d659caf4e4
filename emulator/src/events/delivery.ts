// Delivers matched events to rule targets after PutEvents has answered (as AWS does: asynchronously).
// A Step Functions state machine target starts an execution through the in-process Invoker; any other
// target ARN is recorded only. Throttling and internal errors are retried a few times (AWS retries for up to
// 24 h; a local run wants a quick, visible answer); every outcome is kept in a bounded log that
// GET /_emulator/events/deliveries shows.
import { randomUUID } from "node:crypto";
import { AwsError } from "../core/aws-error";
import type { Invoker } from "../core/types";
import { renderTargetInput, type DeliveryContext, type TargetInputSettings } from "./input-transformer";
import type { StoredRule, StoredTarget } from "./store";

export const STATE_MACHINE_ARN = /^arn:aws[\w-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[^:\s]+$/;

export interface DeliveryRecord {
  id: string;
  /** ISO time the delivery was attempted (last attempt). */
  at: string;
  eventId: string;
  ruleName: string;
  ruleArn: string;
  targetId: string;
  targetArn: string;
  /** "succeeded" (execution started), "failed", or "recorded" (a target this emulator does not call). */
  status: "succeeded" | "failed" | "recorded" | "pending";
  attempts: number;
  /** What the target received (after Input / InputPath / InputTransformer). */
  input: string;
  executionArn?: string;
  error?: { code: string; message: string };
}

const MAX_RECORDS = 500;
/** Inputs longer than this are cut in the log (not in the delivery) to bound memory. */
const MAX_LOGGED_INPUT = 64 * 1024;
const RETRY_DELAYS_MS = [200, 1000, 3000];
const RETRYABLE = new Set([
  "ThrottlingException",
  "TooManyRequestsException",
  "InternalFailure",
  "InternalException",
  "ServiceUnavailable",
]);

export class Deliverer {
  private readonly log: DeliveryRecord[] = [];
  private readonly pending = new Set<Promise<void>>();
  private readonly counts = { succeeded: 0, failed: 0, recorded: 0 };
  private stopped = false;

  constructor(private readonly invoker: Invoker) {}

  /** Starts delivering `event` to every target of `rule`; returns at once. */
  deliverToRule(rule: StoredRule, event: Record<string, unknown>, ingestionTime: string): void {
    const ctx: DeliveryContext = { ruleArn: rule.Arn, ruleName: rule.Name, ingestionTime };
    for (const target of rule.targets) {
      const record = this.newRecord(rule, target, event);
      try {
        record.input = renderTargetInput(target as TargetInputSettings, event, ctx);
      } catch (err) {
        this.finish(record, "failed", { code: "InputTransformationFailed", message: (err as Error).message });
        continue;
      }
      if (!STATE_MACHINE_ARN.test(target.Arn)) {
        this.finish(record, "recorded");
        continue;
      }
      const job = this.startExecution(record).finally(() => this.pending.delete(job));
      this.pending.add(job);
    }
  }

  private async startExecution(record: DeliveryRecord): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      record.attempts = attempt + 1;
      record.at = new Date().toISOString();
      try {
        const out = await this.invoker.invoke<{ executionArn?: string }>("states", "StartExecution", {
          stateMachineArn: record.targetArn,
          input: record.input,
        });
        record.executionArn = out.executionArn;
        this.finish(record, "succeeded");
        return;
      } catch (err) {
        const code = err instanceof AwsError ? err.code : "InternalFailure";
        const message = err instanceof Error ? err.message : String(err);
        const delay = RETRY_DELAYS_MS[attempt];
        if (!this.stopped && RETRYABLE.has(code) && delay !== undefined) {
          await new Promise((r) => setTimeout(r, delay));
          continue;
        }
        this.finish(record, "failed", { code, message });
        return;
      }
    }
  }

  private newRecord(rule: StoredRule, target: StoredTarget, event: Record<string, unknown>): DeliveryRecord {
    const record: DeliveryRecord = {
      id: randomUUID(),
      at: new Date().toISOString(),
      eventId: String(event.id ?? ""),
      ruleName: rule.Name,
      ruleArn: rule.Arn,
      targetId: target.Id,
      targetArn: target.Arn,
      status: "pending",
      attempts: 0,
      input: "",
    };
    this.log.push(record);
    if (this.log.length > MAX_RECORDS) this.log.splice(0, this.log.length - MAX_RECORDS);
    return record;
  }

  private finish(
    record: DeliveryRecord,
    status: "succeeded" | "failed" | "recorded",
    error?: DeliveryRecord["error"],
  ): void {
    record.status = status;
    if (record.input.length > MAX_LOGGED_INPUT) record.input = `${record.input.slice(0, MAX_LOGGED_INPUT)}…[truncated]`;
    if (error) {
      record.error = error;
      console.warn(
        `[emulator] events: delivery of ${record.eventId} to ${record.ruleName}/${record.targetId} failed: ${error.code}: ${error.message}`,
      );
    }
    this.counts[status]++;
  }

  /** The most recent deliveries, oldest first (copies). */
  records(filter: { ruleName?: string; status?: string } = {}): DeliveryRecord[] {
    return this.log
      .filter(
        (r) =>
          (filter.ruleName === undefined || r.ruleName === filter.ruleName) &&
          (filter.status === undefined || r.status === filter.status),
      )
      .map((r) => ({ ...r }));
  }

  /** Totals since start (for health). */
  stats(): {
    succeeded: number;
    failed: number;
    recorded: number;
    pending: number;
    lastError?: DeliveryRecord["error"];
  } {
    const lastFailed = [...this.log].reverse().find((r) => r.status === "failed");
    return {
      ...this.counts,
      pending: this.pending.size,
      ...(lastFailed?.error ? { lastError: lastFailed.error } : {}),
    };
  }

  /** Resolves once every delivery in flight has finished. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /** Stops retrying and waits for deliveries in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.idle();
  }

  /** Forgets the log and totals. */
  reset(): void {
    this.log.length = 0;
    this.counts.succeeded = this.counts.failed = this.counts.recorded = 0;
  }
}
