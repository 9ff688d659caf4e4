// One reading of SDK errors for the reconciler: AWS's own code and message, and whether waiting can fix it.

const THROTTLING = new Set([
  "ThrottlingException",
  "Throttling",
  "TooManyRequestsException",
  "LimitExceededException",
  "RequestLimitExceeded",
  "ProvisionedThroughputExceededException",
]);

/** Codes that a later attempt may get past without any change (service trouble, throttling, timeouts). */
const TRANSIENT = new Set([
  ...THROTTLING,
  "InternalException",
  "InternalServerException",
  "InternalFailure",
  "ServiceUnavailable",
  "ServiceUnavailableException",
  "ConcurrentModificationException",
  "RequestTimeout",
  "TimeoutError",
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
]);

/** Codes fixed outside the spec (IAM): retried on later passes, since nothing in the check is wrong. */
const PERMISSION = new Set([
  "AccessDeniedException",
  "AccessDenied",
  "UnauthorizedOperation",
  "UnrecognizedClientException",
]);

export interface AwsErrorInfo {
  code: string;
  message: string;
  throttling: boolean;
  /** true: a later pass may succeed without a spec change. */
  retryable: boolean;
}

/** The code, AWS's message and retryability of anything thrown by an SDK call (or by the network under it). */
export function describeAwsError(error: unknown): AwsErrorInfo {
  const e = error as {
    name?: string;
    code?: string;
    message?: string;
    $retryable?: unknown;
    $metadata?: { httpStatusCode?: number };
  };
  const code = (typeof e?.name === "string" && e.name !== "Error" ? e.name : undefined) ?? e?.code ?? "Error";
  const message = typeof e?.message === "string" && e.message !== "" ? e.message : String(error);
  const status = e?.$metadata?.httpStatusCode;
  const throttling = THROTTLING.has(code);
  const retryable =
    throttling ||
    TRANSIENT.has(code) ||
    PERMISSION.has(code) ||
    (typeof status === "number" && status >= 500) ||
    !!e?.$retryable;
  return { code, message, throttling, retryable };
}

/** True when the error means the resource does not exist. */
export function isNotFound(error: unknown): boolean {
  const code = describeAwsError(error).code;
  return code === "ResourceNotFoundException" || code === "StateMachineDoesNotExist" || code === "NotFoundException";
}
