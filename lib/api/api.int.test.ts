// The JSON API end to end in-process: every endpoint × role (none, viewer, operator, admin), optimistic locking,
// the error shape (400 with the form's field messages, 401, 403 naming the role, 404, 409, 413, tampered paging
// tokens), and the checks CLI (export → apply on an empty console reproduces the demo checks; plan / apply / prune
// on fixtures; duplicate slugs; a browser-made slug; an interrupted apply converging).
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("server-only", () => ({}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/headers", async () => {
  const { requestHeaders } = await import("./testing/in-process");
  return {
    headers: async () => requestHeaders(),
    cookies: async () => ({ get: () => undefined, has: () => false }),
  };
});
// Saving asks the reconciler to apply the change in AWS; these tests are about the API, not AWS.
vi.mock("@/lib/actions/after-change", () => ({
  reconcileOutcome: async () => ({ status: "PENDING", message: "The next reconcile pass will apply this change." }),
}));

const { setPrismaClient } = await import("@/lib/db/client");
const { createPostgresTestDatabase } = await import("@/lib/db/testing/test-databases");
const { createServiceToken } = await import("@/lib/db/service-tokens");
const { createCheck, listChecks, deleteCheck } = await import("@/lib/db/checks");
const { sha256, newServiceToken } = await import("@/lib/auth/secrets");
const { DEMO_ACTOR, demoChecks } = await import("@/lib/db/demo-checks");
const { API_OPERATIONS, routeToPath } = await import("./openapi");
const { ROUTE_RULES } = await import("@/lib/auth/action-rules");
const { PERMISSIONS } = await import("@/lib/auth/permissions");
const { inProcessFetch, moduleTemplates } = await import("./testing/in-process");
const { runChecksCli } = await import("@/scripts/checks");
const { CHECK_SPEC_FIELDS } = await import("@/lib/checks/types");
type TestDatabase = Awaited<ReturnType<typeof createPostgresTestDatabase>>;
type Role = "viewer" | "operator" | "admin";

const BASE = "http://console.test";
let db: TestDatabase;
const tokens = {} as Record<Role, string>;

const demo = () =>
  demoChecks({
    region: "us-east-1",
    accountId: "000000000000",
    catalog: "AwsDataCatalog",
    database: "auditlogs",
    workgroup: "primary",
    outputLocation: "s3://audit-checks-results/",
  });

async function call(method: string, p: string, opts: { role?: Role; body?: unknown; raw?: string } = {}) {
  const headers: Record<string, string> = {};
  if (opts.role) headers.authorization = `Bearer ${tokens[opts.role]}`;
  if (opts.body !== undefined || opts.raw !== undefined) headers["content-type"] = "application/json";
  const res = await inProcessFetch(`${BASE}${p}`, {
    method,
    headers,
    body: opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
  });
  const text = await res.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read loosely; their schemas are tested elsewhere
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, json };
}

async function cli(args: string[], role: Role = "admin") {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runChecksCli(
    args,
    { AUDIT_CHECKS_URL: BASE, AUDIT_CHECKS_TOKEN: tokens[role] },
    { out: (l) => out.push(l), err: (l) => err.push(l) },
    inProcessFetch,
  );
  return { code, out: out.join("\n"), err: err.join("\n") };
}

async function clearChecks() {
  for (const c of await listChecks()) await deleteCheck(c.id, c.version, DEMO_ACTOR);
}

async function seedDemo() {
  for (const spec of demo()) await createCheck(spec, DEMO_ACTOR);
}

beforeAll(async () => {
  db = await createPostgresTestDatabase("api");
  setPrismaClient(db.client);
  for (const role of ["viewer", "operator", "admin"] as const) {
    tokens[role] = newServiceToken();
    await createServiceToken(
      { name: `test-${role}`, role, tokenHash: sha256(tokens[role]), createdBy: "test", expiresAt: null },
      (t) => ({ actor: DEMO_ACTOR, action: "token.create", target: { kind: "token", id: t.id, name: t.name } }),
    );
  }
});

afterAll(async () => {
  setPrismaClient(undefined);
  await db?.drop();
});

const RANK = { viewer: 1, operator: 2, admin: 3 } as const;

describe("every endpoint × role", () => {
  beforeAll(async () => {
    await clearChecks();
    await seedDemo();
  });

  it("has a module for every operation of the document", () => {
    for (const template of moduleTemplates()) expect(template).toMatch(/^\/api\/v1\//);
    expect(API_OPERATIONS.length).toBe(Object.keys(ROUTE_RULES).filter((r) => r.includes(" /api/v1/")).length);
  });

  for (const op of API_OPERATIONS) {
    const { method, path: template } = routeToPath(op.route);
    const need = PERMISSIONS[ROUTE_RULES[op.route].permission];
    // Reads use a real slug; changes a missing one (404 after authorization), so no test depends on another's write.
    const slug = method === "get" ? "aurora-admin-logins" : "no-such-check";
    const url = template.replace("{slug}", slug).replace("{name}", "no-such-execution");
    const body = op.body ? {} : undefined;
    it(`${op.route}: needs ${need}`, async () => {
      const anonymous = await call(method.toUpperCase(), url, { body });
      expect(anonymous.status).toBe(401);
      expect(anonymous.json.error.code).toBe("unauthenticated");
      for (const role of ["viewer", "operator", "admin"] as const) {
        const r = await call(method.toUpperCase(), url, { role, body });
        if (RANK[role] < RANK[need]) {
          expect(r.status, `${role} on ${op.route}`).toBe(403);
          expect(r.json.error.message).toContain(`needs the ${need} role`);
          expect(r.json.error.fields).toEqual({});
        } else {
          expect([401, 403], `${role} on ${op.route}: ${JSON.stringify(r.json)}`).not.toContain(r.status);
          // No emulator here: reads that ask AWS answer 502 (AWS unavailable), never a 500.
          expect(r.status, JSON.stringify(r.json)).not.toBe(500);
          expect(r.json?.error?.code ?? "none").not.toBe("internal");
        }
      }
    });
  }
});

const newCheck = {
  name: "API probe",
  slug: "api-probe",
  sql: "SELECT count(*) FROM auditlogs.aurora_audit_log WHERE username = ?",
  catalog: "AwsDataCatalog",
  database: "auditlogs",
  workgroup: "primary",
  outputLocation: "s3://audit-checks-results/",
  parameters: [{ kind: "literal", value: "'admin'" }],
  trigger: { kind: "schedule", expression: "rate(1 hour)" },
  expectation: { kind: "noRows" },
};

describe("checks over the API", () => {
  beforeEach(clearChecks);

  it("lists the demo checks by slug, with keyset paging and a signed cursor", async () => {
    await seedDemo();
    const all = await call("GET", "/api/v1/checks", { role: "viewer" });
    expect(all.status).toBe(200);
    expect(all.json.checks.map((c: { slug: string }) => c.slug)).toEqual(
      demo()
        .map((d) => d.slug)
        .sort(),
    );
    const first = await call("GET", "/api/v1/checks?limit=2", { role: "viewer" });
    expect(first.json.checks).toHaveLength(2);
    const second = await call("GET", `/api/v1/checks?limit=2&cursor=${first.json.next}`, { role: "viewer" });
    expect(second.json.checks).toHaveLength(1);
    expect(second.json.next).toBeNull();
    const [payload, sig] = String(first.json.next).split(".");
    const forged = `${Buffer.from("a").toString("base64url")}.${sig}`;
    for (const bad of [forged, `${payload}.x`, "garbage"]) {
      const r = await call("GET", `/api/v1/checks?cursor=${bad}`, { role: "viewer" });
      expect(r.status).toBe(400);
      expect(r.json.error.code).toBe("invalid_cursor");
    }
    // A checks cursor is not an executions cursor.
    const cross = await call("GET", `/api/v1/executions?cursor=${first.json.next}`, { role: "viewer" });
    expect(cross.status).toBe(400);
    const filtered = await call("GET", "/api/v1/checks?q=FAILED&source=browser", { role: "viewer" });
    expect(filtered.json.checks.map((c: { slug: string }) => c.slug)).toEqual(["failed-logins-per-hour"]);
    expect((await call("GET", "/api/v1/checks?source=code", { role: "viewer" })).json.checks).toEqual([]);
    const unknown = await call("GET", "/api/v1/checks?colour=red", { role: "viewer" });
    expect(unknown.status).toBe(400);
  });

  it("creates, reads, updates with optimistic locking (stale version → 409), disables and deletes", async () => {
    const created = await call("POST", "/api/v1/checks", { role: "operator", body: newCheck });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    expect(created.json.check).toMatchObject({ slug: "api-probe", version: 1, sourcePath: null, enabled: true });
    const got = await call("GET", "/api/v1/checks/API-PROBE", { role: "viewer" });
    expect(got.json.slug).toBe("api-probe");

    const v2 = await call("PUT", "/api/v1/checks/api-probe", {
      role: "operator",
      body: { ...newCheck, description: "edited", version: 1 },
    });
    expect(v2.status).toBe(200);
    expect(v2.json.check).toMatchObject({ version: 2, description: "edited" });
    const stale = await call("PUT", "/api/v1/checks/api-probe", {
      role: "operator",
      body: { ...newCheck, description: "lost update", version: 1 },
    });
    expect(stale.status).toBe(409);
    expect(stale.json.error.code).toBe("conflict");
    expect(stale.json.error.message).toMatch(/version 2/);
    expect((await call("GET", "/api/v1/checks/api-probe", { role: "viewer" })).json.description).toBe("edited");

    const off = await call("PUT", "/api/v1/checks/api-probe/enabled", {
      role: "operator",
      body: { enabled: false, version: 2 },
    });
    expect(off.json.check).toMatchObject({ enabled: false, version: 3 });
    const staleToggle = await call("PUT", "/api/v1/checks/api-probe/enabled", {
      role: "operator",
      body: { enabled: true, version: 2 },
    });
    expect(staleToggle.status).toBe(409);
    const sync = await call("GET", "/api/v1/checks/api-probe/sync", { role: "viewer" });
    expect(sync.json.sync.status).toBe("PENDING");

    expect((await call("DELETE", "/api/v1/checks/api-probe?version=2", { role: "admin" })).status).toBe(409);
    const deleted = await call("DELETE", "/api/v1/checks/api-probe?version=3", { role: "admin" });
    expect(deleted.json.deleted).toBe("api-probe");
    expect((await call("GET", "/api/v1/checks/api-probe", { role: "viewer" })).status).toBe(404);
  });

  it("answers bad input with the form's field messages, refuses unknown fields, big bodies and bad JSON", async () => {
    const bad = await call("POST", "/api/v1/checks", {
      role: "operator",
      body: { ...newCheck, name: " ", trigger: { kind: "schedule", expression: "rate(5 potatoes)" } },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe("invalid");
    expect(bad.json.error.fields.name).toEqual(["Enter a name for the check."]);
    expect(bad.json.error.fields["trigger.expression"]?.[0]).toMatch(/potatoes/);

    const pattern = await call("POST", "/api/v1/checks", {
      role: "operator",
      body: { ...newCheck, trigger: { kind: "eventPattern", pattern: { source: "aws.ecs" } } },
    });
    expect(pattern.status).toBe(400);
    expect(Object.keys(pattern.json.error.fields)).toContain("trigger.pattern");

    const unknown = await call("POST", "/api/v1/checks", { role: "operator", body: { ...newCheck, owner: "me" } });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.json.error.fields)).toContain("owner");

    const huge = await call("POST", "/api/v1/checks", {
      role: "operator",
      body: { ...newCheck, sql: "x".repeat(1024 * 1024 + 10) },
    });
    expect(huge.status).toBe(413);
    expect(huge.json.error.code).toBe("payload_too_large");

    const notJson = await call("POST", "/api/v1/checks", { role: "operator", raw: "{name:" });
    expect(notJson.status).toBe(400);
    expect(notJson.json.error.message).toMatch(/not valid JSON/);

    await call("POST", "/api/v1/checks", { role: "operator", body: newCheck });
    const taken = await call("POST", "/api/v1/checks", { role: "operator", body: { ...newCheck, name: "Other" } });
    expect(taken.status).toBe(409);
    expect(taken.json.error.fields.slug?.[0]).toMatch(/already used/);
  });

  it("refuses Run now parameters that break the form's rules, before starting anything", async () => {
    await call("POST", "/api/v1/checks", { role: "operator", body: newCheck });
    const wrongCount = await call("POST", "/api/v1/checks/api-probe/runs", {
      role: "operator",
      body: { parameters: [] },
    });
    expect(wrongCount.status).toBe(400);
    expect(wrongCount.json.error.fields.parameters?.[0]).toMatch(/1 \? placeholder/);
    const badLiteral = await call("POST", "/api/v1/checks/api-probe/runs", {
      role: "operator",
      body: { parameters: [{ kind: "literal", value: "'unterminated" }] },
    });
    expect(badLiteral.status).toBe(400);
    expect(Object.keys(badLiteral.json.error.fields)).toEqual(["parameters.0.value"]);
  });
});

describe("npm run checks over the API", () => {
  let dir: string;
  beforeEach(async () => {
    await clearChecks();
    dir = await mkdtemp(path.join(tmpdir(), "checks-code-"));
    return () => rm(dir, { recursive: true, force: true });
  });

  const specsOf = async () =>
    Object.fromEntries(
      (await listChecks()).map((c) => [c.slug, Object.fromEntries(CHECK_SPEC_FIELDS.map((f) => [f, c[f]]))]),
    );

  it("export → apply on an empty console reproduces every demo check exactly; then nothing to change", async () => {
    await seedDemo();
    const before = await specsOf();
    expect(Object.keys(before)).toHaveLength(3);
    const exported = await cli(["export", "--out", dir], "viewer");
    expect(exported.code).toBe(0);
    const samePlan = await cli(["plan", dir], "viewer");
    expect(samePlan.out).toMatch(/^No changes\. 3 checks already match the files\.$/m);

    await clearChecks();
    const applied = await cli(["apply", dir], "operator");
    expect(applied.code, applied.out + applied.err).toBe(0);
    expect(applied.out).toMatch(/Plan: 3 to create, 0 to change, 0 to delete; 0 unchanged/);
    expect(await specsOf()).toEqual(before);
    const managed = await listChecks();
    expect(managed.map((c) => c.sourcePath).sort()).toEqual(
      Object.keys(before)
        .map((s) => `${s}.yaml`)
        .sort(),
    );
    expect((await cli(["plan", dir], "viewer")).out).toMatch(/No changes/);
  });

  it("plans a field-level diff, keeps orphans without --prune, prunes only checks from code", async () => {
    await seedDemo(); // browser-made: never pruned
    await writeFile(path.join(dir, "probe.yaml"), yamlOf("probe-one", "rate(1 hour)"));
    await writeFile(
      path.join(dir, "more.yaml"),
      `${yamlOf("probe-two", "rate(2 hours)")}---\n${yamlOf("probe-three", "rate(3 hours)")}`,
    );
    expect((await cli(["apply", dir], "operator")).code).toBe(0);
    await writeFile(path.join(dir, "probe.yaml"), yamlOf("probe-one", "rate(6 hours)"));
    await rm(path.join(dir, "more.yaml"));
    await writeFile(path.join(dir, "more.yaml"), yamlOf("probe-two", "rate(2 hours)"));

    const plan = await cli(["plan", dir], "viewer");
    expect(plan.out).toContain("~ probe-one  (probe.yaml): update");
    expect(plan.out).toContain("    trigger:");
    expect(plan.out).toContain("- expression: rate(1 hour)");
    expect(plan.out).toContain("+ expression: rate(6 hours)");
    expect(plan.out).toContain("? probe-three  (was more.yaml)");
    expect(plan.out).toMatch(/Plan: 0 to create, 1 to change, 0 to delete; 1 unchanged/);

    // Prune needs admin: an operator's apply deletes nothing and says which role is needed.
    const opPrune = await cli(["apply", dir, "--prune"], "operator");
    expect(opPrune.code).toBe(1);
    expect(opPrune.out).toMatch(/probe-three: .*needs the admin role/);
    const pruned = await cli(["apply", dir, "--prune"], "admin");
    expect(pruned.out).toMatch(/Plan: 0 to create, 0 to change, 1 to delete/);
    expect(pruned.code).toBe(0);
    const slugs = (await listChecks()).map((c) => c.slug).sort();
    expect(slugs).toEqual([...demo().map((d) => d.slug), "probe-one", "probe-two"].sort());
  });

  it("refuses malformed YAML, unknown fields and duplicate slugs with file, line and column", async () => {
    await writeFile(path.join(dir, "a.yaml"), yamlOf("dup", "rate(1 hour)"));
    await writeFile(
      path.join(dir, "b.yaml"),
      `${yamlOf("dup", "rate(1 hour)")}`.replace("  enabled: true\n", "  enabled: true\n  colour: red\n"),
    );
    await writeFile(path.join(dir, "c.yaml"), `${yamlOf("other", "rate(1 hour)")}---\nkind: [oops\n`);
    const r = await cli(["plan", dir], "viewer");
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^b\.yaml:\d+:\d+: spec: unknown field “colour”/m);
    expect(r.err).toMatch(/^c\.yaml:\d+:\d+: /m);
    await writeFile(path.join(dir, "b.yaml"), yamlOf("DUP", "rate(2 hours)"));
    const dup = await cli(["plan", dir], "viewer");
    expect(dup.err).toMatch(/b\.yaml:1:1: The slug “DUP” is already defined in a\.yaml:1/);
  });

  it("reports a slug that collides with a browser-made check instead of overwriting it", async () => {
    await seedDemo();
    const exported = await cli(["export", "--out", dir], "viewer");
    expect(exported.code).toBe(0);
    const file = path.join(dir, "failed-logins-per-hour.yaml");
    await writeFile(file, (await readFile(file, "utf8")).replace("enabled: true", "enabled: false"));
    const r = await cli(["apply", dir], "operator");
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/! failed-logins-per-hour .*made in the browser/);
    expect((await listChecks()).find((c) => c.slug === "failed-logins-per-hour")?.enabled).toBe(true);
    const adopted = await cli(["apply", dir, "--adopt"], "operator");
    expect(adopted.code).toBe(0);
    const check = (await listChecks()).find((c) => c.slug === "failed-logins-per-hour");
    expect(check).toMatchObject({ enabled: false, sourcePath: "failed-logins-per-hour.yaml" });
  });

  it("converges after an apply interrupted halfway: nothing duplicated, the rest done on the next run", async () => {
    for (const n of [1, 2, 3, 4]) await writeFile(path.join(dir, `p${n}.yaml`), yamlOf(`probe-${n}`, "rate(1 hour)"));
    let creates = 0;
    const flaky: typeof fetch = async (input, init) => {
      if (init?.method === "POST" && ++creates > 2) throw new Error("connection reset");
      return inProcessFetch(input, init);
    };
    const out: string[] = [];
    const code = await runChecksCli(
      ["apply", dir],
      { AUDIT_CHECKS_URL: BASE, AUDIT_CHECKS_TOKEN: tokens.operator },
      { out: (l) => out.push(l), err: (l) => out.push(l) },
      flaky,
    );
    expect(code).toBe(1);
    expect(await listChecks()).toHaveLength(2);
    const again = await cli(["apply", dir], "operator");
    expect(again.out).toMatch(/Plan: 2 to create, 0 to change, 0 to delete; 2 unchanged/);
    expect((await listChecks()).map((c) => c.slug).sort()).toEqual(["probe-1", "probe-2", "probe-3", "probe-4"]);
    expect((await cli(["apply", dir], "operator")).out).toMatch(/No changes/);
  });
});

function yamlOf(slug: string, schedule: string): string {
  return `apiVersion: audit-checks/v1
kind: AuditCheck
metadata:
  slug: ${slug}
  name: Probe ${slug}
spec:
  enabled: true
  sql: SELECT count(*) FROM auditlogs.aurora_audit_log
  catalog: AwsDataCatalog
  database: auditlogs
  workgroup: primary
  outputLocation: s3://audit-checks-results/
  trigger:
    kind: schedule
    expression: ${schedule}
  expectation:
    kind: noRows
`;
}
