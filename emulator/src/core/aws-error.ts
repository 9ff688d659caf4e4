/**
 * An error the SDK turns into a named exception: `code` becomes `__type` and `x-amzn-errortype`,
 * `status` the HTTP status (400 for client errors, 500 for internal ones).
 */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number = 400,
    /** Extra members some exceptions carry (e.g. Athena's AthenaErrorCode). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = code;
  }
}

/**
 * An error of a JSON service that keeps its older query-protocol codes (CloudWatch): the SDK reads the shape name from
 * `__type` and the query code (e.g. "InvalidParameterValue") from the x-amzn-query-error header.
 */
export class QueryCompatibleError extends AwsError {
  constructor(
    code: string,
    readonly queryCode: string,
    message: string,
    status = 400,
  ) {
    super(code, message, status);
  }
}
