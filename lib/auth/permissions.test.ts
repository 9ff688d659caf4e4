// Every server action and route handler against every role, from a table written out here: a new action or route
// without a rule in lib/auth/action-rules.ts, or a rule without a row here, fails.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ACTION_RULES, PUBLIC_ROUTES, ROUTE_RULES } from "./action-rules";
import { can, PERMISSIONS, refusalMessage } from "./permissions";
import { ROLES, type Role } from "./roles";

type Who = Role | "none";
const V = ["viewer", "operator", "admin"] as const;
const O = ["operator", "admin"] as const;
const A = ["admin"] as const;

/** Who may run each action and route (everyone else, including a user with no role, is refused). */
const EXPECTED: Record<string, readonly Who[]> = {
  "check.create": O,
  "check.update": O,
  "check.setEnabled": O,
  "check.delete": A,
  "check.setNotifications": O,
  "execution.runNow": O,
  "execution.rerun": O,
  "execution.stop": O,
  "execution.testPattern": V,
  "execution.sendEvent": O,
  "execution.sync": V,
  "finding.acknowledge": O,
  "finding.withdrawAcknowledgement": O,
  "reconcile.apply": A,
  "query.run": O,
  "query.stop": O,
  "query.status": O,
  "query.results": O,
  "query.schema": O,
  "check.importPlan": O,
  "check.importApply": O,
  "query.workgroup": O,
  "query.sampleEvent": O,
  "query.recentEvents": O,
  "token.create": A,
  "token.revoke": A,
  "notification.createDestination": A,
  "notification.updateDestination": A,
  "notification.deleteDestination": A,
  "notification.sendTest": O,
  "settings.runPreflight": A,
  "GET /executions/[id]/results": V,
  "GET /executions/[id]/results.csv": V,
  "POST /executions/live": V,
  "GET /audit/events.csv": V,
  "GET /query/[id]/results": O,
  "GET /evidence/export.zip": O,
  "GET /api/v1/openapi.json": V,
  "GET /api/v1/checks": V,
  "POST /api/v1/checks": O,
  "GET /api/v1/checks/[slug]": V,
  "PUT /api/v1/checks/[slug]": O,
  "DELETE /api/v1/checks/[slug]": A,
  "PUT /api/v1/checks/[slug]/enabled": O,
  "GET /api/v1/checks/[slug]/sync": V,
  "POST /api/v1/checks/[slug]/runs": O,
  "GET /api/v1/executions": V,
  "GET /api/v1/executions/[name]": V,
  "POST /api/v1/executions/[name]/rerun": O,
  "POST /api/v1/executions/[name]/stop": O,
  "GET /api/v1/executions/[name]/results": V,
  "GET /api/v1/executions/[name]/results.csv": V,
  "GET /api/v1/reconcile/plan": V,
  "POST /api/v1/reconcile/apply": A,
};

const RULES = { ...ACTION_RULES, ...ROUTE_RULES } as Record<string, { permission: keyof typeof PERMISSIONS }>;

function files(dir: string, match: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full, match) : match.test(name) ? [full] : [];
  });
}

describe("role × action", () => {
  it("has an expectation for every rule and a rule for every expectation", () => {
    expect(Object.keys(RULES).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [name, allowed] of Object.entries(EXPECTED)) {
    for (const who of [...ROLES, "none"] as const) {
      const expected = (allowed as readonly Who[]).includes(who);
      it(`${name}: ${who} is ${expected ? "allowed" : "refused"}`, () => {
        const principal = { role: who === "none" ? null : who };
        expect(can(principal, RULES[name]!.permission)).toBe(expected);
        if (!expected) expect(refusalMessage(principal, RULES[name]!.permission)).toMatch(/^Not allowed/);
      });
    }
  }

  it("nobody without a session may do anything", () => {
    for (const permission of Object.keys(PERMISSIONS) as (keyof typeof PERMISSIONS)[]) {
      expect(can(null, permission)).toBe(false);
    }
  });

  it("every server action in the source goes through defineAction with a ruled name", () => {
    const names = files("lib/actions", /\.ts$/)
      .filter((f) => !f.endsWith(".test.ts"))
      .flatMap((f) => [...readFileSync(f, "utf8").matchAll(/defineAction\(\{\s*name:\s*"([^"]+)"/g)].map((m) => m[1]!));
    expect(names.length).toBeGreaterThan(10);
    for (const name of names) expect(Object.keys(ACTION_RULES)).toContain(name);
    // "use server" files export only actions built on defineAction: no raw server action bypasses the client.
    for (const file of files("lib/actions", /\.ts$/).concat(files("app", /actions\.ts$/))) {
      const text = readFileSync(file, "utf8");
      if (!text.startsWith('"use server"')) continue;
      expect(text, file).toMatch(/defineAction\(/);
    }
  });

  it("every route handler is guarded with a ruled route", () => {
    for (const file of files("app", /^route\.ts$/)) {
      if (file.startsWith(path.join("app", "auth"))) continue; // the sign-in flow itself
      const text = readFileSync(file, "utf8");
      const publicPath = `/${path.dirname(path.relative("app", file)).split(path.sep).join("/")}`;
      if (publicPath in PUBLIC_ROUTES) {
        // Public by design (PUBLIC_ROUTES says why): they must never read checks, executions or the audit trail.
        expect(text, file).not.toMatch(/@\/lib\/db\/(checks|executions|audit)/);
        continue;
      }
      // guardRoute, or the JSON API's route client (lib/api/route.ts), which authorizes the same way per method.
      const routes = [...text.matchAll(/(?:guardRoute|apiRoute(?:<[^>]*>)?)\("([^"]+)"/g)].map((m) => m[1]!);
      expect(routes.length, `${file} must call guardRoute or apiRoute`).toBeGreaterThan(0);
      const methods = [...text.matchAll(/export (?:const|async function) (GET|POST|PUT|PATCH|DELETE)\b/g)].map(
        (m) => m[1],
      );
      expect(routes.map((r) => r.split(" ")[0]).sort()).toEqual(methods.sort());
      const urlPath = `/${path.dirname(path.relative("app", file)).split(path.sep).join("/")}`;
      for (const route of routes) {
        expect(route.split(" ")[1]).toBe(urlPath);
        expect(Object.keys(ROUTE_RULES)).toContain(route);
      }
    }
  });

  it("every page checks a permission or the session", () => {
    for (const file of files("app", /^page\.tsx$/)) {
      const text = readFileSync(file, "utf8");
      if (["app/page.tsx", "app/signin/page.tsx"].includes(file)) continue; // redirect only / the way in
      expect(text, file).toMatch(/await require(Page\("\w+"\)|SignedIn\(\))/);
    }
  });
});

describe("viewer, operator and admin as the issue defines them", () => {
  it("viewer reads everything and changes nothing", () => {
    const viewer = { role: "viewer" as const };
    for (const [permission, least] of Object.entries(PERMISSIONS)) {
      expect(can(viewer, permission as keyof typeof PERMISSIONS)).toBe(least === "viewer");
    }
  });
});
