// The AWS SDK clients of the console process, configured once from lib/env.ts (see create-clients.ts).
// No "server-only" marker: the background loop, scripts and tests reach this module outside React's server graph.
import { env } from "@/lib/env";
import { createAwsClients, type AwsClients, type AwsClientConfig } from "./create-clients";

export type { AwsClients, AwsClientConfig };

let clients: AwsClients | undefined;

/** The process-wide clients (created on first use from the validated configuration). */
export function awsClients(): AwsClients {
  clients ??= createAwsClients(awsClientConfigFromEnv());
  return clients;
}

/** The client configuration the environment describes: the emulator's endpoint and dummy credentials, or AWS's defaults. */
export function awsClientConfigFromEnv(): AwsClientConfig {
  return {
    region: env.AWS_REGION,
    endpoint: env.AWS_ENDPOINT_URL,
    credentials: env.AWS_EMULATOR_CREDENTIALS,
  };
}
