// The JSON API in-process for integration tests: a `fetch` that routes a request to the app/api/v1 route module's
// handler, with the request's headers visible to next/headers (the test file mocks it with `requestHeaders`).
import { AsyncLocalStorage } from "node:async_hooks";
import { API_OPERATIONS, routeToPath } from "@/lib/api/openapi";

const store = new AsyncLocalStorage<Headers>();

/** The headers of the request being handled (for the next/headers mock). */
export function requestHeaders(): Headers {
  return store.getStore() ?? new Headers();
}

type Handler = (request: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
type RouteModule = Record<string, Handler | unknown>;

// Static imports so the bundler sees each module (the bracketed folders are literal).
const MODULES: Record<string, () => Promise<RouteModule>> = {
  "/api/v1/openapi.json": () => import("@/app/api/v1/openapi.json/route"),
  "/api/v1/checks": () => import("@/app/api/v1/checks/route"),
  "/api/v1/checks/{slug}": () => import("@/app/api/v1/checks/[slug]/route"),
  "/api/v1/checks/{slug}/enabled": () => import("@/app/api/v1/checks/[slug]/enabled/route"),
  "/api/v1/checks/{slug}/sync": () => import("@/app/api/v1/checks/[slug]/sync/route"),
  "/api/v1/checks/{slug}/runs": () => import("@/app/api/v1/checks/[slug]/runs/route"),
  "/api/v1/executions": () => import("@/app/api/v1/executions/route"),
  "/api/v1/executions/{name}": () => import("@/app/api/v1/executions/[name]/route"),
  "/api/v1/executions/{name}/rerun": () => import("@/app/api/v1/executions/[name]/rerun/route"),
  "/api/v1/executions/{name}/stop": () => import("@/app/api/v1/executions/[name]/stop/route"),
  "/api/v1/executions/{name}/results": () => import("@/app/api/v1/executions/[name]/results/route"),
  "/api/v1/executions/{name}/results.csv": () => import("@/app/api/v1/executions/[name]/results.csv/route"),
  "/api/v1/reconcile/plan": () => import("@/app/api/v1/reconcile/plan/route"),
  "/api/v1/reconcile/apply": () => import("@/app/api/v1/reconcile/apply/route"),
};

function match(pathname: string): { template: string; params: Record<string, string> } | null {
  for (const template of Object.keys(MODULES)) {
    const names: string[] = [];
    const re = new RegExp(
      `^${template.replace(/\./g, "\\.").replace(/\{(\w+)\}/g, (_, n: string) => (names.push(n), "([^/]+)"))}$`,
    );
    const m = re.exec(pathname);
    if (m) return { template, params: Object.fromEntries(names.map((n, i) => [n, m[i + 1]!])) };
  }
  return null;
}

/** Every operation of the document has a module here (the tests fail otherwise). */
export function moduleTemplates(): string[] {
  return [...new Set(API_OPERATIONS.map((o) => routeToPath(o.route).path))];
}

export const inProcessFetch: typeof fetch = async (input, init) => {
  const request = new Request(input instanceof Request ? input : String(input), init);
  const url = new URL(request.url);
  const found = match(url.pathname);
  if (!found) return new Response("no such route", { status: 404 });
  const mod = await MODULES[found.template]!();
  const handler = mod[request.method] as Handler | undefined;
  if (!handler) return new Response("method not allowed", { status: 405 });
  return store.run(request.headers, () => handler(request, { params: Promise.resolve(found.params) }));
};
