// Every server action and route handler, with the permission it needs and how it is audited. The action client and
// the route guard refuse a name missing here, and a table-driven test checks every role against every entry.
import type { Permission } from "./permissions";

export interface ActionRule {
  permission: Permission;
  /** The audit trail's name for it; refused attempts are recorded under the same name. */
  event: string;
  /**
   * in-transaction: the data module records the event with the change; after: the action client records it once the
   * change (in AWS) succeeded; refusals-only: a read or a routine refresh, only refusals are recorded.
   */
  audit: "in-transaction" | "after" | "refusals-only";
}

export const ACTION_RULES = {
  createCheck: { permission: "createCheck", event: "check.create", audit: "in-transaction" },
  updateCheck: { permission: "updateCheck", event: "check.update", audit: "in-transaction" },
  setCheckEnabled: { permission: "setCheckEnabled", event: "check.set-enabled", audit: "in-transaction" },
  deleteCheck: { permission: "deleteCheck", event: "check.delete", audit: "in-transaction" },
  runNow: { permission: "runNow", event: "execution.run-now", audit: "after" },
  rerun: { permission: "rerun", event: "execution.rerun", audit: "after" },
  stop: { permission: "stop", event: "execution.stop", audit: "after" },
  testPattern: { permission: "testPattern", event: "trigger.test", audit: "after" },
  sendEvent: { permission: "sendEvent", event: "trigger.send-event", audit: "after" },
  syncExecutions: { permission: "syncExecutions", event: "executions.sync", audit: "refusals-only" },
  applyReconcile: { permission: "applyReconcile", event: "reconcile.apply", audit: "after" },
  createToken: { permission: "manageTokens", event: "token.create", audit: "in-transaction" },
  revokeToken: { permission: "manageTokens", event: "token.revoke", audit: "in-transaction" },
} as const satisfies Record<string, ActionRule>;

export type ActionName = keyof typeof ACTION_RULES;

/** Route handlers (method + path pattern as in app/) and their permission. */
export const ROUTE_RULES = {
  "GET /executions/[id]/results": { permission: "readResults", event: "results.read", audit: "refusals-only" },
  "GET /executions/[id]/results.csv": { permission: "readResults", event: "results.csv", audit: "refusals-only" },
  "POST /executions/live": { permission: "readExecutions", event: "executions.live", audit: "refusals-only" },
  "GET /audit/events.csv": { permission: "readAudit", event: "audit.csv", audit: "refusals-only" },
} as const satisfies Record<string, ActionRule>;

export type RouteName = keyof typeof ROUTE_RULES;
