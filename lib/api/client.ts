// A small client of the JSON API for scripts (the checks CLI) and tests: bearer token, the one error shape turned
// into ConsoleApiError with the field messages. Pure fetch; no server imports.
import type { CheckSpec } from "@/lib/checks/types";
import type { ConsoleCheck } from "@/lib/checks/code-plan";
import { apiErrorSchema, type ApiErrorBody } from "./errors";
import type { ApiCheck, CheckInput } from "./schemas";

export class ConsoleApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: ApiErrorBody | null,
  ) {
    super(message);
    this.name = "ConsoleApiError";
  }
}

export interface ConsoleApiOptions {
  baseUrl: string;
  token?: string;
  fetch?: typeof fetch;
}

/** A spec as the API's check body, with where it comes from. */
export function inputOfSpec(spec: CheckSpec, sourcePath: string | null): CheckInput {
  return { ...spec, sourcePath };
}

export function consoleCheckOf(c: ApiCheck): ConsoleCheck {
  const { id, version, sourcePath, name, slug, description, sql, catalog, database, workgroup } = c;
  return {
    id,
    version,
    sourcePath,
    name,
    slug,
    description,
    sql,
    catalog,
    database,
    workgroup,
    outputLocation: c.outputLocation,
    parameters: c.parameters,
    trigger: c.trigger,
    expectation: c.expectation,
    findingKeys: c.findingKeys,
    ...(c.snapshotPolicy ? { snapshotPolicy: c.snapshotPolicy } : {}),
    enabled: c.enabled,
  };
}

export function consoleApi(opts: ConsoleApiOptions) {
  const doFetch = opts.fetch ?? fetch;
  const base = opts.baseUrl.replace(/\/+$/, "");

  async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
    let res: Response;
    try {
      res = await doFetch(`${base}${path}`, {
        method,
        headers: {
          Accept: "application/json",
          ...(opts.token ? { Authorization: `Bearer ${opts.token}` } : {}),
          ...(body === undefined ? {} : { "Content-Type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new ConsoleApiError(0, `Cannot reach the console at ${base}: ${(error as Error).message}`, null);
    }
    const text = await res.text();
    let data: unknown = null;
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      data = null;
    }
    if (!res.ok) {
      const parsed = apiErrorSchema.safeParse(data);
      const detail = parsed.success
        ? [
            parsed.data.error.message,
            ...Object.entries(parsed.data.error.fields).map(([f, ms]) => `  ${f || "(body)"}: ${ms.join(" ")}`),
          ].join("\n")
        : text.slice(0, 300);
      throw new ConsoleApiError(
        res.status,
        `${method} ${path}: ${res.status} ${detail}`,
        parsed.success ? parsed.data : null,
      );
    }
    return data as T;
  }

  return {
    request,
    async listAllChecks(): Promise<ApiCheck[]> {
      const all: ApiCheck[] = [];
      let cursor: string | null = null;
      do {
        const q = new URLSearchParams({ limit: "200", ...(cursor ? { cursor } : {}) });
        const page: { checks: ApiCheck[]; next: string | null } = await request("GET", `/api/v1/checks?${q}`);
        all.push(...page.checks);
        cursor = page.next;
      } while (cursor);
      return all;
    },
    createCheck: (input: CheckInput) => request<{ check: ApiCheck }>("POST", "/api/v1/checks", input),
    updateCheck: (slug: string, input: CheckInput & { version: number }) =>
      request<{ check: ApiCheck }>("PUT", `/api/v1/checks/${encodeURIComponent(slug)}`, input),
    deleteCheck: (slug: string, version: number) =>
      request<{ deleted: string }>("DELETE", `/api/v1/checks/${encodeURIComponent(slug)}?version=${version}`),
  };
}

export type ConsoleApi = ReturnType<typeof consoleApi>;
