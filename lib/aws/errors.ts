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

/** The network never got an answer: nothing is wrong with the request, AWS (or the emulator) is not there. */
const UNREACHABLE = new Set([
  "TimeoutError",
  "RequestTimeout",
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENOTFOUND",
  "EPIPE",
]);

export interface AwsErrorInfo {
  code: string;
  message: string;
  /** true: no answer at all (timeout, refused or reset connection); pages say "AWS did not answer". */
  unreachable: boolean;
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
  const unreachable = UNREACHABLE.has(code);
  const raw = typeof e?.message === "string" && e.message !== "" ? e.message : String(error);
  // The SDK's own words ("connect ECONNREFUSED 127.0.0.1:4566", "Request timed out after 10000ms") say what the
  // socket did; the operator needs to know that AWS did not answer and that retrying later is the remedy.
  const message = unreachable
    ? `AWS did not answer (${raw}). It may be restarting or unreachable; try again shortly.`
    : raw;
  const status = e?.$metadata?.httpStatusCode;
  const throttling = THROTTLING.has(code);
  const retryable =
    throttling ||
    TRANSIENT.has(code) ||
    PERMISSION.has(code) ||
    (typeof status === "number" && status >= 500) ||
    !!e?.$retryable;
  return { code, message, unreachable, throttling, retryable };
}

/** True when the error means the resource does not exist. */
export function isNotFound(error: unknown): boolean {
  const code = describeAwsError(error).code;
  return code === "ResourceNotFoundException" || code === "StateMachineDoesNotExist" || code === "NotFoundException";
}
