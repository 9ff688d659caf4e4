// The JSON API's one error shape and the statuses it answers with. Kept free of server imports: the OpenAPI
// document and the CLI read the same schema.
import { z } from "zod";

export const API_ERROR_CODES = [
  "invalid",
  "invalid_cursor",
  "unauthenticated",
  "forbidden",
  "not_found",
  "conflict",
  "payload_too_large",
  "refused",
  "internal",
  "aws_unavailable",
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** `{ "error": { "code", "message", "fields" } }`: `fields` holds the form's messages by field path ("sql", "parameters.0.value"). */
export const apiErrorSchema = z.object({
  error: z.object({
    code: z.enum(API_ERROR_CODES),
    message: z.string(),
    fields: z.record(z.string(), z.array(z.string())),
  }),
});
export type ApiErrorBody = z.infer<typeof apiErrorSchema>;

export const STATUS_OF: Record<ApiErrorCode, number> = {
  invalid: 400,
  invalid_cursor: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  refused: 422,
  internal: 500,
  aws_unavailable: 502,
};

/** Thrown inside a route handler to answer with the error shape. */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly fields: Record<string, string[]> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export function errorBody(code: ApiErrorCode, message: string, fields: Record<string, string[]> = {}): ApiErrorBody {
  return { error: { code, message, fields } };
}
