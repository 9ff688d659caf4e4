// The OpenAPI 3.1 document of the JSON API, generated from the zod schemas the route handlers validate with
// (z.toJSONSchema; JSON Schema 2020-12 is OpenAPI 3.1's dialect). Each operation names its ROUTE_RULES entry, so
// the role it needs comes from the same table the server enforces; a test fails when a route under app/api/v1 is
// missing here. Pure: the reference page, the route and the tests build it the same way.
import { z } from "zod";
import { ROUTE_RULES, type RouteName } from "@/lib/auth/action-rules";
import { PERMISSIONS } from "@/lib/auth/permissions";
import { apiErrorSchema } from "./errors";
import {
  apiCheckSchema,
  checkInputSchema,
  checkListQuerySchema,
  checkListSchema,
  checkUpdateSchema,
  deletedCheckSchema,
  executionDetailSchema,
  executionListQuerySchema,
  executionListSchema,
  reconcileApplySchema,
  reconcilePlanSchema,
  resultPageSchema,
  resultsQuerySchema,
  runNowSchema,
  savedCheckSchema,
  setEnabledSchema,
  startedExecutionSchema,
  syncStatusResponseSchema,
} from "./schemas";

type JsonSchema = Record<string, unknown>;

interface Operation {
  route: RouteName;
  tag: "Checks" | "Runs" | "Executions" | "Reconcile" | "Document";
  summary: string;
  description?: string;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** Success status and its schema; `text/csv` for a CSV body. */
  success: { status: number; schema?: z.ZodType; description: string; contentType?: string };
  /** Error statuses besides 401/403/500 (every operation has those). */
  errors?: number[];
}

const pathParams: Record<string, string> = {
  slug: "The check's slug (case-insensitive).",
  name: "The execution's name.",
};

export const API_OPERATIONS: Operation[] = [
  {
    route: "GET /api/v1/openapi.json",
    tag: "Document",
    summary: "This document",
    success: { status: 200, description: "The OpenAPI 3.1 document." },
  },
  {
    route: "GET /api/v1/checks",
    tag: "Checks",
    summary: "List checks",
    description: "By slug; `next` is the paging token for the following page (tampered tokens answer 400).",
    query: checkListQuerySchema,
    success: { status: 200, schema: checkListSchema, description: "A page of checks." },
    errors: [400],
  },
  {
    route: "POST /api/v1/checks",
    tag: "Checks",
    summary: "Create a check",
    body: checkInputSchema,
    success: { status: 201, schema: savedCheckSchema, description: "Created, with what the reconciler said." },
    errors: [400, 409, 413, 422],
  },
  {
    route: "GET /api/v1/checks/[slug]",
    tag: "Checks",
    summary: "Get a check",
    success: { status: 200, schema: apiCheckSchema, description: "The check." },
    errors: [404],
  },
  {
    route: "PUT /api/v1/checks/[slug]",
    tag: "Checks",
    summary: "Update a check",
    description: "Send the `version` you read; when someone saved since, the answer is 409 and nothing changes.",
    body: checkUpdateSchema,
    success: { status: 200, schema: savedCheckSchema, description: "Saved." },
    errors: [400, 404, 409, 413, 422],
  },
  {
    route: "DELETE /api/v1/checks/[slug]",
    tag: "Checks",
    summary: "Delete a check",
    description: "`version` (optional) refuses the delete when the check changed since it was read.",
    query: z.strictObject({ version: z.coerce.number().int().min(1).optional() }),
    success: { status: 200, schema: deletedCheckSchema, description: "Deleted; the reconciler removes its rule." },
    errors: [404, 409],
  },
  {
    route: "PUT /api/v1/checks/[slug]/enabled",
    tag: "Checks",
    summary: "Enable or disable a check",
    body: setEnabledSchema,
    success: { status: 200, schema: savedCheckSchema, description: "Saved." },
    errors: [400, 404, 409],
  },
  {
    route: "GET /api/v1/checks/[slug]/sync",
    tag: "Checks",
    summary: "A check's sync status",
    success: { status: 200, schema: syncStatusResponseSchema, description: "Whether AWS matches the check." },
    errors: [404],
  },
  {
    route: "POST /api/v1/checks/[slug]/runs",
    tag: "Runs",
    summary: "Run a check now",
    description: "Optionally with other parameter values for this run (one per `?` placeholder).",
    body: runNowSchema,
    success: { status: 201, schema: startedExecutionSchema, description: "The execution started." },
    errors: [400, 404, 422, 502],
  },
  {
    route: "POST /api/v1/executions/[name]/rerun",
    tag: "Runs",
    summary: "Rerun an execution",
    success: { status: 201, schema: startedExecutionSchema, description: "The new execution." },
    errors: [404, 422, 502],
  },
  {
    route: "POST /api/v1/executions/[name]/stop",
    tag: "Runs",
    summary: "Stop a running execution",
    success: { status: 200, schema: startedExecutionSchema, description: "Stopped (ABORTED)." },
    errors: [404, 422, 502],
  },
  {
    route: "GET /api/v1/executions",
    tag: "Executions",
    summary: "List executions",
    description: "The executions page's filters, newest first; `next` pages to older ones.",
    query: executionListQuerySchema,
    success: { status: 200, schema: executionListSchema, description: "A page of executions." },
    errors: [400, 404],
  },
  {
    route: "GET /api/v1/executions/[name]",
    tag: "Executions",
    summary: "Get an execution",
    description: "Verdict, timeline of states and the query's statistics.",
    success: { status: 200, schema: executionDetailSchema, description: "The execution." },
    errors: [404, 502],
  },
  {
    route: "GET /api/v1/executions/[name]/results",
    tag: "Executions",
    summary: "Result rows (paged)",
    query: resultsQuerySchema,
    success: { status: 200, schema: resultPageSchema, description: "A page of rows." },
    errors: [400, 404, 422, 502],
  },
  {
    route: "GET /api/v1/executions/[name]/results.csv",
    tag: "Executions",
    summary: "Result rows as CSV",
    success: { status: 200, description: "Every row, streamed.", contentType: "text/csv" },
    errors: [404, 409, 410, 502],
  },
  {
    route: "GET /api/v1/reconcile/plan",
    tag: "Reconcile",
    summary: "The reconcile plan",
    query: z.strictObject({ audit: z.enum(["full"]).optional() }),
    success: { status: 200, schema: reconcilePlanSchema, description: "What applying would change in AWS." },
    errors: [502],
  },
  {
    route: "POST /api/v1/reconcile/apply",
    tag: "Reconcile",
    summary: "Apply the reconcile plan",
    success: { status: 200, schema: reconcileApplySchema, description: "What the pass did." },
    errors: [422],
  },
];

const ERROR_TEXT: Record<number, string> = {
  400: "Invalid body, query or paging token; `fields` holds the form's messages by field.",
  401: "No valid token or session.",
  403: "The caller's role is too low; the message names the role needed.",
  404: "Not found.",
  409: "Conflict: stale `version`, or a name/slug already taken.",
  410: "Gone from Athena.",
  413: "Body larger than 1 MiB.",
  422: "Refused (e.g. the execution is not running, AWS refused).",
  500: "Unexpected error (logged).",
  502: "AWS did not answer; retry later.",
};

function toSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const out = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as JsonSchema;
  delete out.$schema;
  return out;
}

/** `GET /api/v1/checks/[slug]` → ["get", "/api/v1/checks/{slug}", ["slug"]] */
export function routeToPath(route: string): { method: string; path: string; params: string[] } {
  const [method, path] = route.split(" ") as [string, string];
  const params = [...path.matchAll(/\[(\w+)\]/g)].map((m) => m[1]!);
  return { method: method.toLowerCase(), path: path.replace(/\[(\w+)\]/g, "{$1}"), params };
}

export function openApiDocument(opts: { serverUrl?: string } = {}): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of API_OPERATIONS) {
    const { method, path, params } = routeToPath(op.route);
    const rule = ROUTE_RULES[op.route];
    const role = PERMISSIONS[rule.permission];
    const parameters: unknown[] = params.map((name) => ({
      name,
      in: "path",
      required: true,
      description: pathParams[name],
      schema: { type: "string" },
    }));
    if (op.query) {
      const q = toSchema(op.query, "input") as { properties?: Record<string, JsonSchema>; required?: string[] };
      for (const [name, schema] of Object.entries(q.properties ?? {})) {
        const { description, ...rest } = schema;
        parameters.push({
          name,
          in: "query",
          required: q.required?.includes(name) ?? false,
          ...(description ? { description } : {}),
          schema: rest,
        });
      }
    }
    const responses: Record<string, unknown> = {
      [String(op.success.status)]: {
        description: op.success.description,
        content: {
          [op.success.contentType ?? "application/json"]: {
            schema: op.success.schema ? toSchema(op.success.schema, "output") : { type: "string" },
          },
        },
      },
    };
    for (const status of [...(op.errors ?? []), 401, 403, 500].sort()) {
      responses[String(status)] = { $ref: `#/components/responses/E${status}` };
    }
    (paths[path] ??= {})[method] = {
      operationId: operationId(op.route),
      tags: [op.tag],
      summary: op.summary,
      description: [op.description, `Needs the **${role}** role (permission \`${rule.permission}\`).`]
        .filter(Boolean)
        .join("\n\n"),
      "x-required-role": role,
      ...(parameters.length ? { parameters } : {}),
      ...(op.body
        ? {
            requestBody: {
              required: true,
              content: { "application/json": { schema: toSchema(op.body, "input") } },
            },
          }
        : {}),
      responses,
    };
  }
  const errorResponses = Object.fromEntries(
    Object.entries(ERROR_TEXT).map(([status, description]) => [
      `E${status}`,
      { description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
    ]),
  );
  return {
    openapi: "3.1.1",
    info: {
      title: "Audit Checks Console API",
      version: "1.0.0",
      description:
        "Checks, runs, executions and the reconciler over JSON. Authenticate with a service token (`Authorization: Bearer acc_…`, `npm run token -- create`) or a browser session. Every change is recorded in the audit trail.",
    },
    ...(opts.serverUrl ? { servers: [{ url: opts.serverUrl }] } : {}),
    security: [{ bearer: [] }, { session: [] }],
    tags: ["Checks", "Runs", "Executions", "Reconcile", "Document"].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "A service token from `npm run token -- create`." },
        session: { type: "apiKey", in: "cookie", name: "acc_session", description: "A signed-in browser session." },
      },
      schemas: { Error: toSchema(apiErrorSchema, "output") },
      responses: errorResponses,
    },
  };
}

function operationId(route: string): string {
  const { method, path } = routeToPath(route);
  const words = path
    .replace("/api/v1/", "")
    .replace(/\.csv$/, "Csv")
    .split(/[/{}.]+/)
    .filter(Boolean);
  return method + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join("");
}
