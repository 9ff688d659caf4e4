// The OpenAPI document against the code: every route handler under app/api/v1 (each exported method) is in the
// document and has a ROUTE_RULES entry, every operation names the role the server enforces, every $ref resolves,
// and the request schemas are the ones the handlers validate with.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROUTE_RULES } from "@/lib/auth/action-rules";
import { PERMISSIONS } from "@/lib/auth/permissions";
import { openApiDocument, routeToPath } from "./openapi";

const ROOT = path.resolve(__dirname, "../../app/api/v1");

/** `GET /api/v1/checks/[slug]` for each exported method of each route.ts under app/api/v1. */
function routesInApp(dir = ROOT): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...routesInApp(full));
    else if (entry === "route.ts") {
      const source = readFileSync(full, "utf8");
      const urlPath = `/api/v1/${path.relative(ROOT, dir).split(path.sep).join("/")}`.replace(/\/$/, "");
      for (const m of source.matchAll(/export (?:const|async function) (GET|POST|PUT|PATCH|DELETE)\b/g))
        out.push(`${m[1]} ${urlPath}`);
    }
  }
  return out.sort();
}

type Doc = {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<
    string,
    Record<string, { responses: Record<string, unknown>; "x-required-role": string; operationId: string }>
  >;
  components: Record<string, Record<string, unknown>>;
};

describe("the OpenAPI document", () => {
  const doc = openApiDocument() as unknown as Doc;

  it("is OpenAPI 3.1 with info, and every operation has an id, responses and a 2xx", () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info.title).toBeTruthy();
    const ids = new Set<string>();
    for (const [p, ops] of Object.entries(doc.paths)) {
      expect(p).toMatch(/^\/api\/v1\//);
      for (const [method, op] of Object.entries(ops)) {
        expect(["get", "post", "put", "delete", "patch"]).toContain(method);
        expect(ids.has(op.operationId), op.operationId).toBe(false);
        ids.add(op.operationId);
        expect(Object.keys(op.responses).some((s) => /^2\d\d$/.test(s))).toBe(true);
        // Path template parameters are declared.
        for (const name of p.matchAll(/\{(\w+)\}/g)) {
          const params = (op as unknown as { parameters?: { name: string; in: string }[] }).parameters ?? [];
          expect(params.some((x) => x.name === name[1] && x.in === "path")).toBe(true);
        }
      }
    }
  });

  it("lists every route handler under app/api/v1, and nothing else", () => {
    const inApp = routesInApp();
    expect(inApp.length).toBeGreaterThan(10);
    const inDoc = Object.entries(doc.paths)
      .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, "[$1]")}`))
      .sort();
    expect(inDoc).toEqual(inApp);
    for (const route of inApp) expect(Object.keys(ROUTE_RULES)).toContain(route);
  });

  it("names the role the server enforces", () => {
    for (const [route, rule] of Object.entries(ROUTE_RULES)) {
      if (!route.includes(" /api/v1/")) continue;
      const { method, path: p } = routeToPath(route);
      expect(doc.paths[p]?.[method]?.["x-required-role"]).toBe(PERMISSIONS[rule.permission]);
    }
  });

  it("resolves every $ref", () => {
    const refs = JSON.stringify(doc).matchAll(/"\$ref":"([^"]+)"/g);
    for (const [, ref] of refs) {
      const target = ref!
        .replace(/^#\//, "")
        .split("/")
        .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], doc);
      expect(target, ref).toBeDefined();
    }
  });

  it("documents the check body from the form's schema: unknown fields refused, the form's fields required", () => {
    const body = (
      doc.paths["/api/v1/checks"]!.post as unknown as {
        requestBody: {
          content: { "application/json": { schema: { required: string[]; additionalProperties: boolean } } };
        };
      }
    ).requestBody.content["application/json"].schema;
    expect(body.additionalProperties).toBe(false);
    expect(body.required).toEqual(expect.arrayContaining(["name", "slug", "sql", "trigger", "expectation"]));
  });
});
