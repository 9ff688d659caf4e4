// Client construction without reading the environment, so tests and scripts can point at any emulator.
import { AthenaClient } from "@aws-sdk/client-athena";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { SFNClient } from "@aws-sdk/client-sfn";
import { SNSClient } from "@aws-sdk/client-sns";
import { STSClient } from "@aws-sdk/client-sts";
import { IAMClient } from "@aws-sdk/client-iam";
import { recordAwsCall } from "@/lib/metrics/record";

export interface AwsClientConfig {
  region: string;
  /** undefined: AWS's real endpoints. */
  endpoint: string | undefined;
  /** undefined: the SDK's default credential chain. */
  credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
  /** Total attempts per call including retries (default AWS_CALL_LIMITS.maxAttempts). */
  maxAttempts?: number;
  /** "standard" (default) or "adaptive" — see createAwsClients. */
  retryMode?: "standard" | "adaptive";
  /** Milliseconds to open the TCP/TLS connection (default AWS_CALL_LIMITS.connectionTimeoutMs). */
  connectionTimeoutMs?: number;
  /** Milliseconds one attempt may take from request to full response (default AWS_CALL_LIMITS.requestTimeoutMs). */
  requestTimeoutMs?: number;
}

/**
 * Without limits a frozen endpoint (a stopped emulator, a black-holed route) holds a call — and the page or save
 * waiting on it — forever. Every API the console calls answers in well under a second when healthy; 5 s per
 * attempt, 3 attempts with standard backoff bound the worst case of one call to about 16 s.
 */
export const AWS_CALL_LIMITS = { connectionTimeoutMs: 3_000, requestTimeoutMs: 5_000, maxAttempts: 3 } as const;

export interface AwsClients {
  events: EventBridgeClient;
  sfn: SFNClient;
  athena: AthenaClient;
  /** The verdict table (the reconciler creates it; the state machine writes it). */
  dynamodb: DynamoDBClient;
  /** Delivery health of notification rules (GetMetricData on AWS/Events). */
  cloudwatch: CloudWatchClient;
  sns: SNSClient;
  /** Who the credentials are (the preflight, lib/doctor). */
  sts: STSClient;
  /** The two roles and what their policies allow (the preflight, lib/doctor; read-only). */
  iam: IAMClient;
}

/**
 * The clients, sharing one configuration: standard retry (exponential backoff with jitter on throttling, service
 * errors and timeouts) and connection and request timeouts. Not "adaptive": its client-side rate limiter counts
 * EventBridge's LimitExceededException as throttling, and PutRule also answers that code when the bus's rule quota is
 * full — one full quota then slowed every later call of the client to a crawl (a 1,000-check pass against the
 * 300-rule quota did not finish in 10 minutes). The reconciler bounds its own concurrency instead (8 calls in flight).
 */
export function createAwsClients(config: AwsClientConfig): AwsClients {
  const common = {
    region: config.region,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    ...(config.credentials ? { credentials: config.credentials } : {}),
    retryMode: config.retryMode ?? "standard",
    maxAttempts: config.maxAttempts ?? AWS_CALL_LIMITS.maxAttempts,
    // Options rather than a handler instance: each client builds its own NodeHttpHandler from them.
    // throwOnRequestTimeout: without it the SDK only logs a warning when requestTimeout passes.
    requestHandler: {
      connectionTimeout: config.connectionTimeoutMs ?? AWS_CALL_LIMITS.connectionTimeoutMs,
      requestTimeout: config.requestTimeoutMs ?? AWS_CALL_LIMITS.requestTimeoutMs,
      throwOnRequestTimeout: true,
    },
  };
  return {
    events: withCallMetrics("events", new EventBridgeClient(common)),
    sfn: withCallMetrics("states", new SFNClient(common)),
    athena: withCallMetrics("athena", new AthenaClient(common)),
    dynamodb: withCallMetrics("dynamodb", new DynamoDBClient(common)),
    cloudwatch: withCallMetrics("monitoring", new CloudWatchClient(common)),
    sns: withCallMetrics("sns", new SNSClient(common)),
    sts: withCallMetrics("sts", new STSClient(common)),
    iam: withCallMetrics("iam", new IAMClient(common)),
  };
}

/**
 * Counts every attempt (the deserialize step runs inside the retry loop, so throttled attempts that are retried show
 * under their error code) in acc_aws_calls_total.
 */
function withCallMetrics<C extends { middlewareStack: object }>(service: string, client: C): C {
  (client.middlewareStack as { add: (mw: unknown, opts: unknown) => void }).add(
    (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: unknown) => {
      const operation = (context.commandName ?? "Unknown").replace(/Command$/, "");
      try {
        const out = await next(args);
        recordAwsCall(service, operation, undefined);
        return out;
      } catch (error) {
        recordAwsCall(service, operation, error);
        throw error;
      }
    },
    { step: "deserialize", priority: "high", name: "acc-call-metrics" },
  );
  return client;
}
