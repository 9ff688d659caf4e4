import { describe, expect, it } from "vitest";
import { testConfig } from "./test-fixtures";
import { desiredVerdictTable, planVerdictTable, type ObservedVerdictTable } from "./verdict-table-resource";

const desired = desiredVerdictTable(testConfig);
const ours: ObservedVerdictTable = {
  name: "audit-checks-verdicts",
  arn: desired.arn,
  billingMode: "PAY_PER_REQUEST",
  status: "ACTIVE",
  key: "checkId:HASH:S",
  tags: { "managed-by": "audit-checks-console" },
};

describe("planVerdictTable", () => {
  it("creates a missing table on demand with the checkId key and our tag", () => {
    const p = planVerdictTable(null, desired, desired.name);
    expect(p.action).toBe("create");
    expect(p.calls).toEqual([
      {
        op: "CreateTable",
        table: {
          name: "audit-checks-verdicts",
          arn: "arn:aws:dynamodb:us-east-1:000000000000:table/audit-checks-verdicts",
          billingMode: "PAY_PER_REQUEST",
          tags: { "managed-by": "audit-checks-console" },
        },
      },
    ]);
  });

  it("leaves a matching table alone", () => {
    expect(planVerdictTable(ours, desired, desired.name)).toMatchObject({ action: "noop", calls: [] });
  });

  it("updates only what differs: billing mode back to on-demand", () => {
    const p = planVerdictTable({ ...ours, billingMode: "PROVISIONED" }, desired, desired.name);
    expect(p.action).toBe("update");
    expect(p.calls).toEqual([{ op: "UpdateTable", name: "audit-checks-verdicts", billingMode: "PAY_PER_REQUEST" }]);
    expect(p.changes).toEqual([{ field: "billingMode", desired: "PAY_PER_REQUEST", observed: "PROVISIONED" }]);
  });

  it("a table without our tag, or with another key, is a conflict and never touched", () => {
    const foreign = planVerdictTable({ ...ours, tags: {} }, desired, desired.name);
    expect(foreign).toMatchObject({ action: "conflict", calls: [] });
    expect(foreign.reasons[0]).toContain("not ours");
    const otherKey = planVerdictTable({ ...ours, key: "id:HASH:S" }, desired, desired.name);
    expect(otherKey).toMatchObject({ action: "conflict", calls: [] });
    expect(otherKey.reasons[0]).toContain("key id:HASH:S");
  });

  it("deletes a table nobody wants only when it is ours", () => {
    expect(planVerdictTable(ours, null, ours.name)).toMatchObject({
      action: "delete",
      calls: [{ op: "DeleteTable", name: "audit-checks-verdicts" }],
    });
    expect(planVerdictTable({ ...ours, tags: {} }, null, ours.name)).toMatchObject({ action: "noop", calls: [] });
    expect(planVerdictTable(null, null, ours.name)).toMatchObject({ action: "noop", calls: [] });
  });
});
