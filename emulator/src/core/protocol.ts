// Per-service wire details: which error codes mean "internal failure" and "throttled" to the AWS SDK.
import type { ServiceName } from "./types";

/** The code each service answers with HTTP 500 for an unexpected exception. */
export const INTERNAL_ERROR_CODE: Record<ServiceName, string> = {
  events: "InternalException",
  states: "InternalFailure",
  athena: "InternalServerException",
  dynamodb: "InternalServerError",
  sns: "InternalError",
  cloudwatch: "InternalServiceError",
  sts: "InternalFailure",
  iam: "ServiceFailure",
};

/** A code the SDK classes as throttling (retryable) for each service. */
export const THROTTLE_ERROR_CODE: Record<ServiceName, string> = {
  events: "ThrottlingException",
  states: "ThrottlingException",
  athena: "TooManyRequestsException",
  dynamodb: "ThrottlingException",
  sns: "Throttled",
  cloudwatch: "Throttling",
  sts: "Throttling",
  iam: "Throttling",
};

/** Content type of a JSON 1.0 / 1.1 answer. */
export function contentType(jsonVersion: "1.0" | "1.1"): string {
  return `application/x-amz-json-${jsonVersion}`;
}
