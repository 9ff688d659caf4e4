import { describe, expect, it } from "vitest";
import { planCodeChanges, formatCodePlan } from "./code-plan";
import { collectCheckFiles, formatProblem, parseCheckFile, stringifyDocuments } from "./document";
import { demoChecks } from "@/lib/db/demo-checks";

const specs = demoChecks({
  region: "us-east-1",
  accountId: "000000000000",
  catalog: "AwsDataCatalog",
  database: "auditlogs",
  workgroup: "primary",
  outputLocation: "s3://audit-checks-results/",
});

const doc = (extra = "") => `apiVersion: audit-checks/v1
kind: AuditCheck
metadata:
  slug: probe
  name: Probe
spec:
  sql: SELECT 1
  catalog: AwsDataCatalog
  database: auditlogs
  workgroup: primary
  outputLocation: s3://audit-checks-results/
  trigger: { kind: schedule, expression: rate(1 hour) }
  expectation: { kind: noRows }
${extra}`;

describe("check documents", () => {
  it("round-trip every demo check exactly", () => {
    const r = parseCheckFile(stringifyDocuments(specs), "all.yaml");
    expect(r.problems).toEqual([]);
    expect(r.checks.map((c) => c.spec)).toEqual(specs);
    expect(r.checks.map((c) => c.line)).toEqual([1, expect.any(Number), expect.any(Number)]);
  });

  it("refuses unknown fields where they are written", () => {
    const r = parseCheckFile(doc("  owner: me\n"), "a.yaml");
    expect(r.problems.map(formatProblem)).toEqual([
      "a.yaml:14:10: spec: unknown field “owner” (not part of audit-checks/v1).",
    ]);
  });

  it("reports malformed YAML with its line and column", () => {
    const [p] = parseCheckFile("apiVersion: audit-checks/v1\nkind: [AuditCheck\n", "b.yaml").problems;
    expect(p).toMatchObject({ sourcePath: "b.yaml", line: expect.any(Number), column: expect.any(Number) });
    expect(p!.line).toBeGreaterThanOrEqual(2);
  });

  it("gives the form's messages at the field (a missing field at its parent)", () => {
    const r = parseCheckFile(
      doc().replace("rate(1 hour)", "rate(1 potato)").replace("  sql: SELECT 1\n", ""),
      "c.yaml",
    );
    const messages = r.problems.map(formatProblem);
    expect(messages).toContain("c.yaml:7:3: spec.sql: required.");
    const cross = parseCheckFile(doc().replace("SELECT 1", "SELECT ?"), "c.yaml").problems.map((p) => p.message);
    expect(cross.some((m) => m.startsWith("spec.sql: The query has 1 ? placeholder"))).toBe(true);
  });

  it("accepts notifications by destination name, and refuses their unknown fields", () => {
    const ok = parseCheckFile(doc("  notifications:\n    - destination: security\n"), "d.yaml");
    expect(ok.checks[0]?.notifications).toEqual([{ destination: "security" }]);
    const bad = parseCheckFile(doc("  notifications:\n    - destination: security\n      when: always\n"), "d.yaml");
    expect(bad.problems[0]?.message).toMatch(/unknown field “when”/);
  });

  it("refuses a slug defined twice across files, case-insensitively", () => {
    const r = collectCheckFiles([
      { path: "a.yaml", text: doc() },
      { path: "b.yaml", text: doc().replace("slug: probe", "slug: PROBE") },
    ]);
    expect(r.checks).toHaveLength(1);
    expect(r.problems.map(formatProblem)).toEqual([
      "b.yaml:1:1: The slug “PROBE” is already defined in a.yaml:1; each check must be defined once.",
    ]);
  });
});

describe("the plan", () => {
  const current = specs.map((s, i) => ({ ...s, id: `id-${i}`, version: 1, sourcePath: null }));
  const files = specs.map((spec) => ({ slug: spec.slug, sourcePath: `${spec.slug}.yaml`, line: 1, spec }));

  it("says nothing to change for an export of browser-made checks", () => {
    const plan = planCodeChanges(files, current);
    expect(plan.changes).toBe(0);
    expect(formatCodePlan(plan)).toBe("No changes. 3 checks already match the files.");
  });

  it("says, beside the check, that notifications named in a file are not applied", () => {
    const named = [
      { ...files[0]!, notifications: [{ destination: "security" }, { destination: "oncall" }] },
      ...files.slice(1),
    ];
    const plan = planCodeChanges(named, current);
    expect(plan.changes).toBe(0);
    expect(plan.notices).toEqual([
      {
        slug: files[0]!.slug,
        sourcePath: files[0]!.sourcePath,
        message:
          "Notifications to “security”, “oncall” are not applied from files: attach these destinations on the check's page (Notifications), where its verdicts and timing are chosen.",
      },
    ]);
    expect(formatCodePlan(plan).split("\n")).toEqual([
      `  i ${files[0]!.slug}  (${files[0]!.sourcePath}): ${plan.notices[0]!.message}`,
      "No changes. 3 checks already match the files.",
    ]);
    expect(planCodeChanges(files, current).notices).toEqual([]);
  });

  it("never deletes a browser-made check, even with prune; deletes a check from code only with prune", () => {
    const managed = [...current, { ...current[0]!, id: "x", slug: "gone", name: "Gone", sourcePath: "gone.yaml" }];
    expect(planCodeChanges([], managed, { prune: true }).items.map((i) => `${i.action} ${i.slug}`)).toEqual([
      "delete gone",
    ]);
    expect(planCodeChanges([], managed).items.map((i) => i.action)).toEqual(["orphan"]);
  });

  it("reports a conflict with a differing browser-made check, unless adopted", () => {
    const changed = [{ ...files[0]!, spec: { ...files[0]!.spec, enabled: false } }];
    expect(planCodeChanges(changed, current).items[0]).toMatchObject({ action: "conflict" });
    const adopt = planCodeChanges(changed, current, { adopt: true }).items[0];
    expect(adopt).toMatchObject({
      action: "update",
      adopt: true,
      changes: [{ field: "enabled", before: "true", after: "false" }],
    });
  });
});
