// Client construction without reading the environment, so tests and scripts can point at any emulator.
import { AthenaClient } from "@aws-sdk/client-athena";
import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { SFNClient } from "@aws-sdk/client-sfn";

export interface AwsClientConfig {
  region: string;
  /** undefined: AWS's real endpoints. */
  endpoint: string | undefined;
  /** undefined: the SDK's default credential chain. */
  credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
  /** Total attempts per call including retries (default 5). */
  maxAttempts?: number;
}

export interface AwsClients {
  events: EventBridgeClient;
  sfn: SFNClient;
  athena: AthenaClient;
}

/** Three clients sharing one configuration: adaptive retry, bounded attempts. */
export function createAwsClients(config: AwsClientConfig): AwsClients {
  const common = {
    region: config.region,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    ...(config.credentials ? { credentials: config.credentials } : {}),
    retryMode: "adaptive" as const,
    maxAttempts: config.maxAttempts ?? 5,
  };
  return {
    events: new EventBridgeClient(common),
    sfn: new SFNClient(common),
    athena: new AthenaClient(common),
  };
}
