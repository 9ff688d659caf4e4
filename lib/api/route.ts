// The one route client of the JSON API (app/api/v1/**): every handler is written as
//
//   export const GET = apiRoute("GET /api/v1/checks/[slug]", async ({ params, url }) => Response.json(…));
//
// It authenticates the request (bearer token or session) and checks the permission ROUTE_RULES gives the route (a
// refusal is recorded in the audit trail and answered 401/403 naming the role needed), then runs the handler.
// Changes go through the same server actions as the browser (lib/actions/*), which validate with the same schemas
// and audit in the same transaction; `fromAction` turns their failure into the API's one error shape.
import "server-only";
import type { z } from "zod";
import { ROUTE_RULES, type RouteName } from "@/lib/auth/action-rules";
import type { AuthUser } from "@/lib/auth/current-user";
import { authorize } from "@/lib/auth/guards";
import { describeAwsError } from "@/lib/aws/errors";
import { fieldErrorsFrom } from "@/lib/checks/schema";
import { GENERIC_ERROR, type ActionResult } from "@/lib/actions/result";
import { ApiError, errorBody, STATUS_OF, type ApiErrorCode } from "./errors";
import { MAX_BODY_BYTES } from "./schemas";

export interface ApiContext<P> {
  request: Request;
  url: URL;
  params: P;
  user: AuthUser;
}

type Handler<P> = (ctx: ApiContext<P>) => Promise<Response>;

export function errorResponse(code: ApiErrorCode, message: string, fields: Record<string, string[]> = {}): Response {
  return Response.json(errorBody(code, message, fields), {
    status: STATUS_OF[code],
    headers: {
      "Cache-Control": "no-store",
      ...(code === "unauthenticated" ? { "WWW-Authenticate": 'Bearer realm="audit-checks-console"' } : {}),
    },
  });
}

export function json(data: unknown, status = 200): Response {
  return Response.json(data, { status, headers: { "Cache-Control": "no-store" } });
}

/** Wraps a route handler: authorization first, then the handler; every failure answers in the one error shape. */
export function apiRoute<P = Record<string, never>>(route: RouteName, handler: Handler<P>) {
  const rule = ROUTE_RULES[route];
  if (!rule) throw new Error(`API route ${route} has no rule in lib/auth/action-rules.ts`);
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    try {
      const auth = await authorize(route, rule);
      if (!auth.ok) return errorResponse(auth.status === 401 ? "unauthenticated" : "forbidden", auth.message);
      const params = await context.params;
      return await handler({ request, url: new URL(request.url), params, user: auth.user });
    } catch (error) {
      if (error instanceof ApiError) return errorResponse(error.code, error.message, error.fields);
      // AWS did not answer (or refused) while reading: say so, the client may retry later.
      if (isAwsError(error)) {
        const d = describeAwsError(error);
        return errorResponse("aws_unavailable", `AWS could not answer: ${d.code}: ${d.message}`);
      }
      console.error(`[api ${route}] unexpected error`, error);
      return errorResponse("internal", GENERIC_ERROR);
    }
  };
}

/** The JSON body parsed with `schema`: 413 over MAX_BODY_BYTES, 400 for JSON that does not parse or fit. */
export async function readBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
  const declared = Number(request.headers.get("content-length"));
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const text = await readLimited(request);
  let value: unknown;
  if (text.trim() === "") value = {};
  else {
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new ApiError("invalid", `The body is not valid JSON: ${(error as Error).message}`);
    }
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalid(parsed.error);
  return parsed.data;
}

/** Query parameters parsed with `schema` (unknown ones refused). */
export function readQuery<S extends z.ZodType>(url: URL, schema: S): z.output<S> {
  const parsed = schema.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) throw invalid(parsed.error);
  return parsed.data;
}

function invalid(error: z.ZodError): ApiError {
  const fields = fieldErrorsFrom(error);
  return new ApiError("invalid", summary(fields), fields);
}

function summary(fields: Record<string, string[]>): string {
  const entries = Object.entries(fields);
  const [first] = entries;
  if (!first) return "The request is not valid.";
  const where = first[0] ? `${first[0]}: ` : "";
  const more = entries.length > 1 ? ` (and ${entries.length - 1} more field${entries.length === 2 ? "" : "s"})` : "";
  return `${where}${first[1][0]}${more}`;
}

function tooLarge(): ApiError {
  return new ApiError(
    "payload_too_large",
    `The request body is larger than ${MAX_BODY_BYTES / 1024} KiB; a check's SQL may be at most 256 KiB.`,
  );
}

/** Reads the body, stopping (413) as soon as it passes the limit whatever Content-Length said. */
async function readLimited(request: Request): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** A server action's result as the API's answer: `ok` builds the success; failures keep the form's messages. */
export async function fromAction<T>(result: ActionResult<T>, ok: (data: T) => Promise<Response> | Response) {
  if (result.ok) return ok(result.data);
  const { fieldErrors, formError } = result;
  if (result.code) return errorResponse(result.code, formError ?? summary(fieldErrors), fieldErrors);
  if (Object.keys(fieldErrors).length > 0)
    return errorResponse("invalid", formError ?? summary(fieldErrors), fieldErrors);
  if (formError === GENERIC_ERROR) return errorResponse("internal", formError);
  return errorResponse("refused", formError ?? "The action was refused.");
}

export function notFound(what: string): never {
  throw new ApiError("not_found", what);
}

/** An error thrown by an AWS SDK call (it carries `$metadata`) or by its HTTP layer (a socket error code). */
function isAwsError(error: unknown): boolean {
  const e = error as { $metadata?: unknown; code?: unknown } | null;
  return !!e && (e.$metadata !== undefined || (typeof e.code === "string" && /^E[A-Z]+$/.test(e.code)));
}
