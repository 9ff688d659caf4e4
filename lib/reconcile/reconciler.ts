// One reconcile pass: observe (state machine, ListRules by prefix, details for the rules that need them), plan,
// and — when asked — apply each item on its own and write each check's status back. Knows nothing about locks
// or schedules (lock.ts, background-loop.ts, on-change.ts decide when a pass runs).
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import type { SFNClient } from "@aws-sdk/client-sfn";
import type { Check, CheckSyncState, SyncStatus } from "@/lib/checks/types";
import { describeAwsError } from "@/lib/aws/errors";
import { applyItem, type AfterCallHook } from "./apply";
import { CallLog } from "./call-log";
import { CHECK_ID_TAG, ruleNameFor, type ReconcileConfig } from "./config";
import { buildPlan, selectDetailReads, wantedRules, type Plan, type PlanItem } from "./plan";
import { appliedMessage } from "./outcome-message";
import { isNotificationRuleName } from "./notification-desired";
import { runNotificationPass, type NotificationReport, type NotificationStore } from "./notification-pass";
import { mapBounded } from "./pool";
import { CallFailedError, type AwsContext } from "./resource-kind";
import { listRulesByPrefix, ruleKind, type ObservedRule } from "./rule-resource";
import {
  applyStateMachine,
  desiredStateMachine,
  planStateMachine,
  stateMachineKind,
  type StateMachinePlan,
} from "./state-machine-resource";
import { targetsKind } from "./targets-resource";
import {
  applyVerdictTable,
  desiredVerdictTable,
  planVerdictTable,
  verdictTableKind,
  type VerdictTablePlan,
} from "./verdict-table-resource";
import type { ReconcileCheck } from "./desired-rule";

/** Where checks come from and where their status goes (lib/db/checks.ts in the console, a fake in unit tests). */
export interface CheckStore {
  /** Checks with their acknowledged findings (for the "no unacknowledged findings" query). */
  listChecks(): Promise<ReconcileCheck[]>;
  writeSyncState(id: string, state: Partial<CheckSyncState>, observedGeneration: number): Promise<boolean>;
}

export interface ReconcilerDeps {
  events: EventBridgeClient;
  sfn: SFNClient;
  /** The verdict table's API; absent: the pass leaves the verdict table alone (and does not read it). */
  dynamodb?: DynamoDBClient;
  config: ReconcileConfig;
  store: CheckStore;
  /** The notification settings; absent: the pass leaves notification wiring alone (and does not read it). */
  notifications?: NotificationStore;
  /** Calls in flight at once (default 8): well under the ~50 TPS these APIs allow. */
  concurrency?: number;
  /** Rules whose targets and tags are re-read per pass beyond those that must be (default 150 ≈ 300 calls). */
  auditBudget?: number;
  afterCall?: AfterCallHook;
  now?: () => Date;
}

/** What a pass is about: everything, or only some checks (on-change). */
export interface PassScope {
  checkIds: Set<string>;
  /** Deleted checks: their leftover managed rules are deleted in this pass. */
  deleted: Array<{ id: string; slug: string }>;
}

export interface ItemOutcome {
  ruleName: string;
  checkId: string | null;
  action: PlanItem["action"];
  applied: boolean;
  /** The status written for the check (check items only). */
  status: SyncStatus | null;
  message: string | null;
  terminal: boolean;
}

export interface ReconcileReport {
  mode: "plan" | "apply";
  startedAt: Date;
  finishedAt: Date;
  plan: Plan;
  stateMachineError: string | null;
  /** Why the verdict table could not be read or made right (null: fine, or not managed by this pass). */
  verdictTableError: string | null;
  outcomes: ItemOutcome[];
  /** Connections, API destinations and notification rules (null when the pass has no notification store). */
  notifications: NotificationReport | null;
  calls: Record<string, number>;
  totalCalls: number;
}

function inScope(item: PlanItem, scope: PassScope | null, config: ReconcileConfig): boolean {
  if (!scope) return true;
  if (item.action === "delete" || item.action === "noop" || item.action === "unmanaged") {
    if (item.desired === undefined) {
      const tagId = item.observed?.tags?.[CHECK_ID_TAG];
      return (
        (tagId !== undefined && (scope.checkIds.has(tagId) || scope.deleted.some((d) => d.id === tagId))) ||
        scope.deleted.some(
          (d) => ruleNameFor(config, d.slug) === item.ruleName && (tagId === undefined || tagId === d.id),
        )
      );
    }
  }
  return item.checkId !== null && scope.checkIds.has(item.checkId);
}

/** Runs passes for one installation; keeps the audit cursor and the last applied report between passes. */
export class Reconciler {
  private cursor = 0;
  /** The last applied pass (the Reconcile page shows it). */
  lastReport: ReconcileReport | null = null;

  constructor(private readonly deps: ReconcilerDeps) {}

  /** Observes and plans without changing anything in AWS or the database. `fullAudit` reads every rule's details. */
  async plan(opts: { fullAudit?: boolean } = {}): Promise<ReconcileReport> {
    return this.run({ apply: false, scope: null, fullAudit: opts.fullAudit ?? false });
  }

  /** Observes, plans and applies (everything, or the scoped checks), writing each check's status. */
  async reconcile(opts: { scope?: PassScope | null; fullAudit?: boolean } = {}): Promise<ReconcileReport> {
    const report = await this.run({ apply: true, scope: opts.scope ?? null, fullAudit: opts.fullAudit ?? false });
    this.lastReport = report;
    return report;
  }

  private async run(opts: { apply: boolean; scope: PassScope | null; fullAudit: boolean }): Promise<ReconcileReport> {
    const { events, sfn, dynamodb, config, store } = this.deps;
    const now = this.deps.now ?? (() => new Date());
    const concurrency = this.deps.concurrency ?? 8;
    const startedAt = now();
    const log = new CallLog();
    const aws: AwsContext = { events, sfn, dynamodb, log };
    const checks = await store.listChecks();
    const wanted = wantedRules(checks, config);

    // 1. The shared state machine first: every target points at it.
    let stateMachineError: string | null = null;
    let smPlan: StateMachinePlan | null = null;
    try {
      const desiredSm = desiredStateMachine(config);
      smPlan = planStateMachine(await stateMachineKind.read(aws, desiredSm.arn), desiredSm);
      if (opts.apply) await applyStateMachine(aws, smPlan);
      if (smPlan.action === "conflict") stateMachineError = smPlan.reasons.join(" ");
    } catch (error) {
      const e = describeAwsError(error instanceof CallFailedError ? error.error : error);
      const call = error instanceof CallFailedError ? `${error.op} failed: ` : "";
      stateMachineError = `State machine ${config.stateMachineName}: ${call}${e.code}: ${e.message}`;
    }

    // The verdict table the state machine writes (a run before it exists still gets its verdict: see the definition).
    let verdictTableError: string | null = null;
    let vtPlan: VerdictTablePlan | null = null;
    if (dynamodb) {
      try {
        const desiredVt = desiredVerdictTable(config);
        vtPlan = planVerdictTable(await verdictTableKind.read(aws, desiredVt.name), desiredVt, desiredVt.name);
        if (opts.apply) await applyVerdictTable(aws, vtPlan);
        if (vtPlan.action === "conflict") verdictTableError = vtPlan.reasons.join(" ");
      } catch (error) {
        const e = describeAwsError(error instanceof CallFailedError ? error.error : error);
        const call = error instanceof CallFailedError ? `${error.op} failed: ` : "";
        verdictTableError = `Verdict table ${config.verdictTableName}: ${call}${e.code}: ${e.message}`;
      }
    }

    // 2. Rules: one listing, then details only where needed (see selectDetailReads).
    const allListed = await listRulesByPrefix(aws, config.rulePrefix);
    // Notification rules share the prefix; they are planned by the notification pass, not as checks' rules.
    const listed = allListed.filter((o) => !isNotificationRuleName(config, o.name));
    const notificationPass = (apply: boolean) =>
      this.deps.notifications
        ? runNotificationPass({
            aws,
            config,
            store: this.deps.notifications,
            checks: checks.map((c) => ({ id: c.id, slug: c.slug, name: c.name })),
            listedRules: allListed,
            apply,
            concurrency,
          })
        : Promise.resolve(null);
    const selection = selectDetailReads({
      wanted,
      observed: listed,
      scopeCheckIds: opts.scope?.checkIds ?? null,
      auditBudget: opts.fullAudit ? Number.MAX_SAFE_INTEGER : opts.scope ? 0 : (this.deps.auditBudget ?? 150),
      cursor: this.cursor,
    });
    if (opts.apply && !opts.scope) this.cursor = selection.nextCursor;
    const detailErrors = new Map<string, string>();
    const detailed = new Map<string, ObservedRule>();
    const toRead = listed.filter((o) => selection.names.has(o.name));
    await mapBounded(toRead, concurrency, async (o: ObservedRule) => {
      try {
        const [rule, targets] = await Promise.all([ruleKind.read(aws, o), targetsKind.read(aws, o.name)]);
        if (rule && targets) detailed.set(o.name, { ...rule, targets: targets.targets });
        else detailErrors.set(o.name, `Reading rule ${o.name} failed: it was deleted after it was listed.`);
      } catch (error) {
        const e = describeAwsError(error);
        detailErrors.set(o.name, `Reading rule ${o.name} failed: ${e.code}: ${e.message}`);
      }
    });
    const observed = listed.map((o) => detailed.get(o.name) ?? o);

    const plan = buildPlan({ wanted, observed, stateMachine: smPlan, verdictTable: vtPlan, now: startedAt });
    if (!opts.apply)
      return this.finish(
        "plan",
        startedAt,
        plan,
        stateMachineError,
        verdictTableError,
        [],
        await notificationPass(false),
        log,
        now,
      );

    // 3. Apply each item on its own; one failure never stops the others.
    const checksById = new Map(checks.map((c) => [c.id, c]));
    const items = plan.items.filter((i) => inScope(i, opts.scope, config));
    // Once PutRule reports the bus's rule quota full, further creates in this pass are not attempted (each would
    // cost a call and fail the same way); updates and deletes go on — a delete may free room for the next pass.
    let quotaFull: string | null = null;
    const results = await mapBounded(items, concurrency, async (item): Promise<ItemOutcome> => {
      const check = item.desired ? checksById.get(item.desired.checkId) : undefined;
      const detailError = detailErrors.get(item.ruleName);
      if (detailError)
        return this.record(
          check,
          item,
          { status: item.drift ? "DRIFTED" : "ERROR", message: detailError, terminal: false, applied: false },
          now(),
        );
      if (item.action === "conflict") {
        return this.record(
          check,
          item,
          { status: "ERROR", message: item.reasons.join(" "), terminal: true, applied: false },
          now(),
        );
      }
      if (item.action === "noop" || item.action === "unmanaged") {
        return this.record(check, item, { status: "SYNCED", message: null, terminal: false, applied: false }, now());
      }
      if (item.action === "create" && quotaFull) {
        return this.record(
          check,
          item,
          { status: "ERROR", message: `Not attempted: ${quotaFull}`, terminal: false, applied: false },
          now(),
        );
      }
      // Write-ahead: a check recorded SYNCED is marked PENDING before its rule changes, so a crash in the middle
      // leaves it PENDING and the next pass reads the rule in full instead of trusting the Description hash.
      if (check && check.syncStatus === "SYNCED") {
        await store.writeSyncState(
          check.id,
          { syncStatus: "PENDING", syncMessage: `Applying: ${item.reasons.join("; ")}` },
          check.generation,
        );
      }
      try {
        await applyItem(aws, item, this.deps.afterCall);
      } catch (error) {
        // The failed call is named from the item's own list; anything else (a crash in a test hook) is not a call.
        const call = error instanceof CallFailedError ? error.op : "AWS call";
        const e = describeAwsError(error instanceof CallFailedError ? error.error : error);
        // On PutRule this code means the bus's rule quota (300 by default), not a rate limit.
        const quota =
          call === "PutRule" && item.action === "create" && e.code === "LimitExceededException"
            ? " The default event bus has reached its rule quota (300 by default): ask AWS for a higher quota or remove checks."
            : "";
        if (quota) quotaFull = `PutRule failed: ${e.code}: ${e.message}${quota}`;
        return this.record(
          check,
          item,
          {
            status: item.drift && e.retryable ? "DRIFTED" : "ERROR",
            message: `${call} failed: ${e.code}: ${e.message}${quota}`,
            terminal: !e.retryable,
            applied: false,
          },
          now(),
        );
      }
      return this.record(
        check,
        item,
        { status: "SYNCED", message: appliedMessage(item), terminal: false, applied: true },
        now(),
      );
    });
    const outcomes = results.map((r, i) =>
      r.ok
        ? r.value
        : {
            ruleName: items[i]!.ruleName,
            checkId: items[i]!.checkId,
            action: items[i]!.action,
            applied: false,
            status: null,
            message: String(r.error),
            terminal: false,
          },
    );
    const notifications = await notificationPass(true);
    return this.finish(
      "apply",
      startedAt,
      plan,
      stateMachineError,
      verdictTableError,
      outcomes,
      notifications,
      log,
      now,
    );
  }

  private async record(
    check: Check | undefined,
    item: PlanItem,
    r: { status: SyncStatus; message: string | null; terminal: boolean; applied: boolean },
    at: Date,
  ): Promise<ItemOutcome> {
    if (check) {
      await this.deps.store.writeSyncState(
        check.id,
        {
          syncStatus: r.status,
          syncMessage: r.message,
          syncErrorTerminal: r.status === "ERROR" && r.terminal,
          lastReconciledAt: at,
        },
        check.generation,
      );
    }
    return {
      ruleName: item.ruleName,
      checkId: item.checkId,
      action: item.action,
      applied: r.applied,
      status: check ? r.status : null,
      message: r.message,
      terminal: r.terminal,
    };
  }

  private finish(
    mode: "plan" | "apply",
    startedAt: Date,
    plan: Plan,
    stateMachineError: string | null,
    verdictTableError: string | null,
    outcomes: ItemOutcome[],
    notifications: NotificationReport | null,
    log: CallLog,
    now: () => Date,
  ): ReconcileReport {
    return {
      mode,
      startedAt,
      finishedAt: now(),
      plan,
      stateMachineError,
      verdictTableError,
      outcomes,
      notifications,
      calls: { ...log.counts },
      totalCalls: log.total(),
    };
  }
}
