// Delivers matched events to rule targets after PutEvents has answered (as AWS does: asynchronously).
// A Step Functions state machine target starts an execution and an SNS topic target publishes, both through the
// in-process Invoker; an API destination target makes a real HTTP request (the connection's auth added, paced to
// the destination's rate limit); any other target ARN is recorded only. Throttling, internal errors, HTTP 5xx /
// 401 / 407 / 409 / 429 and timeouts are retried a few times (AWS retries for up to 24 h; a local run wants a quick,
// visible answer; `--events-retry-delays-ms` sets the schedule); every outcome is kept in a bounded log that
// GET /_emulator/events/deliveries shows, and counted in the AWS/Events Invocations / FailedInvocations metrics.
import { randomUUID } from "node:crypto";
import { AwsError } from "../core/aws-error";
import type { MetricStore } from "../core/metrics";
import type { Invoker } from "../core/types";
import { API_DESTINATION_ARN, callApiDestination, RateLimiter, type ApiDestinationStore } from "./api-destinations";
import { renderTargetInput, type DeliveryContext, type TargetInputSettings } from "./input-transformer";
import type { StoredRule, StoredTarget } from "./store";

export const STATE_MACHINE_ARN = /^arn:aws[\w-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[^:\s]+$/;
export const SNS_TOPIC_ARN = /^arn:aws[\w-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]+(\.fifo)?$/;

export interface DelivererOptions {
  apiDestinations?: ApiDestinationStore;
  metrics?: MetricStore;
  /** Waits between attempts; its length bounds the retries (default 200, 1000, 3000 ms). */
  retryDelaysMs?: number[];
  /** An API destination call that takes longer fails (and is retried); AWS's limit is 5 s. */
  httpTimeoutMs?: number;
}

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
  /** HTTP status of the last attempt (API destinations). */
  httpStatus?: number;
  /** SNS message id (topic targets). */
  messageId?: string;
  error?: { code: string; message: string };
}

const MAX_RECORDS = 500;
/** Inputs longer than this are cut in the log (not in the delivery) to bound memory. */
const MAX_LOGGED_INPUT = 64 * 1024;
const RETRY_DELAYS_MS = [200, 1000, 3000];
const HTTP_TIMEOUT_MS = 5000;
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
  private readonly limiter = new RateLimiter();
  private readonly retryDelays: number[];
  private readonly httpTimeoutMs: number;

  constructor(
    private readonly invoker: Invoker,
    private readonly options: DelivererOptions = {},
  ) {
    this.retryDelays = options.retryDelaysMs ?? RETRY_DELAYS_MS;
    this.httpTimeoutMs = options.httpTimeoutMs ?? HTTP_TIMEOUT_MS;
  }

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
      let work: (() => Promise<void>) | undefined;
      if (STATE_MACHINE_ARN.test(target.Arn)) work = () => this.startExecution(record);
      else if (API_DESTINATION_ARN.test(target.Arn) && this.options.apiDestinations)
        work = () => this.callHttp(record, target, this.options.apiDestinations!);
      else if (SNS_TOPIC_ARN.test(target.Arn)) work = () => this.publish(record, target);
      if (!work) {
        this.finish(record, "recorded");
        continue;
      }
      const job = work().finally(() => this.pending.delete(job));
      this.pending.add(job);
    }
  }

  /** How many retries a target allows: the emulator's schedule, cut by the target's RetryPolicy. */
  private delayFor(target: StoredTarget, attempt: number): number | undefined {
    const policy = target.RetryPolicy as { MaximumRetryAttempts?: number } | undefined;
    const max = typeof policy?.MaximumRetryAttempts === "number" ? policy.MaximumRetryAttempts : Infinity;
    return attempt < max ? this.retryDelays[attempt] : undefined;
  }

  private async callHttp(record: DeliveryRecord, target: StoredTarget, store: ApiDestinationStore): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      record.attempts = attempt + 1;
      record.at = new Date().toISOString();
      const result = await callApiDestination(store, target.Arn, target, record.input, {
        timeoutMs: this.httpTimeoutMs,
        limiter: this.limiter,
      });
      if (result.ok) {
        record.httpStatus = result.status;
        this.finish(record, "succeeded");
        return;
      }
      if (result.status !== undefined) record.httpStatus = result.status;
      const delay = this.delayFor(target, attempt);
      if (!this.stopped && result.retryable && delay !== undefined) {
        await new Promise((r) => setTimeout(r, delay));
        continue;
      }
      this.finish(record, "failed", { code: result.code, message: result.message });
      return;
    }
  }

  private async publish(record: DeliveryRecord, target: StoredTarget): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      record.attempts = attempt + 1;
      record.at = new Date().toISOString();
      try {
        const out = await this.invoker.invoke<{ MessageId?: string }>("sns", "Publish", {
          TopicArn: target.Arn,
          Message: record.input,
        });
        record.messageId = out.MessageId;
        this.finish(record, "succeeded");
        return;
      } catch (err) {
        const code = err instanceof AwsError ? err.code : "InternalFailure";
        const message = err instanceof Error ? err.message : String(err);
        const delay = this.delayFor(target, attempt);
        if (!this.stopped && (RETRYABLE.has(code) || code === "InternalError") && delay !== undefined) {
          await new Promise((r) => setTimeout(r, delay));
          continue;
        }
        this.finish(record, "failed", { code, message });
        return;
      }
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
        const delay = this.retryDelays[attempt];
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
    // AWS/Events: every invocation that ended (retries not counted separately), and those that failed for good.
    const metrics = this.options.metrics;
    if (metrics) {
      const series: Array<Record<string, string>> = [{ RuleName: record.ruleName }, {}];
      for (const dimensions of series) {
        metrics.add({ namespace: "AWS/Events", metricName: "Invocations", dimensions }, 1);
        if (status === "failed")
          metrics.add({ namespace: "AWS/Events", metricName: "FailedInvocations", dimensions }, 1);
      }
    }
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
