// Test data for the reconciler's unit and mock tests (no I/O): checks, a config, an in-memory check store.
import type { Check, CheckSyncState } from "@/lib/checks/types";
import type { ReconcileConfig } from "./config";
import { desiredRuleFor } from "./desired-rule";
import type { CheckStore } from "./reconciler";
import type { ObservedRule } from "./rule-resource";

/** The emulator's account and region with the default names. */
export const testConfig: ReconcileConfig = {
  region: "us-east-1",
  accountId: "000000000000",
  rulePrefix: "audit-check-",
  stateMachineName: "audit-checks-runner",
  stateMachineRoleArn: "arn:aws:iam::000000000000:role/audit-checks-runner-role",
  eventsRoleArn: "arn:aws:iam::000000000000:role/audit-checks-events-role",
  verdictTableName: "audit-checks-verdicts",
  consoleUrl: "http://localhost:3000",
  partition: "aws",
};

let seq = 0;

/** A valid check; override anything. Ids are UUID-shaped and unique per call. */
export function makeCheck(over: Partial<Check> = {}): Check {
  seq++;
  const n = String(seq).padStart(12, "0");
  return {
    id: `00000000-0000-4000-8000-${n}`,
    name: `Check ${seq}`,
    slug: `check-${seq}`,
    description: "",
    sql: "SELECT count(*) FROM aurora_audit_log WHERE username = ?",
    catalog: "AwsDataCatalog",
    database: "auditlogs",
    workgroup: "primary",
    outputLocation: "s3://audit-checks-results/",
    sourcePath: null,
    parameters: [{ kind: "literal", value: "'admin'" }],
    trigger: {
      kind: "eventPattern",
      pattern: { source: ["aws.ecs"], "detail-type": ["ECS Task State Change"], detail: { lastStatus: ["STOPPED"] } },
    },
    expectation: { kind: "firstValue", op: "eq", value: 0 },
    findingKeys: [],
    enabled: true,
    generation: 1,
    version: 1,
    createdAt: new Date(0),
    updatedAt: new Date(0),
    createdBy: "test",
    updatedBy: "test",
    syncStatus: "PENDING",
    syncMessage: null,
    syncErrorTerminal: false,
    observedGeneration: null,
    lastReconciledAt: null,
    ...over,
  };
}

/** The rule exactly as the console would have left it for `check` (as a ListRules + detail read observes it); override anything. */
export function observedRuleFor(check: Check, over: Partial<ObservedRule> = {}): ObservedRule {
  const d = desiredRuleFor(check, testConfig);
  return {
    name: d.name,
    arn: `arn:aws:events:us-east-1:000000000000:rule/${d.name}`,
    description: d.description,
    eventPattern: d.eventPattern,
    scheduleExpression: d.scheduleExpression,
    state: d.state,
    managedBy: null,
    tags: { ...d.tags },
    targets: [{ ...d.target }],
    ...over,
  };
}

/** An in-memory CheckStore with the same write rule as lib/db/checks.ts (only at the check's generation). */
export class MemoryCheckStore implements CheckStore {
  readonly checks = new Map<string, Check>();
  readonly writes: Array<{ id: string; state: Partial<CheckSyncState> }> = [];

  constructor(checks: Check[] = []) {
    for (const c of checks) this.checks.set(c.id, c);
  }

  async listChecks(): Promise<Check[]> {
    return [...this.checks.values()].map((c) => structuredClone(c));
  }

  async writeSyncState(id: string, state: Partial<CheckSyncState>, observedGeneration: number): Promise<boolean> {
    const c = this.checks.get(id);
    if (!c || c.generation !== observedGeneration) return false;
    this.writes.push({ id, state });
    this.checks.set(id, { ...c, ...state, observedGeneration });
    return true;
  }

  /** Edits the spec as the database does: generation + 1, back to PENDING. */
  edit(id: string, change: Partial<Check>): void {
    const c = this.checks.get(id)!;
    this.checks.set(id, {
      ...c,
      ...change,
      generation: c.generation + 1,
      version: c.version + 1,
      syncStatus: "PENDING",
    });
  }

  get(id: string): Check {
    return this.checks.get(id)!;
  }
}
