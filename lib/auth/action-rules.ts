// Every server action and route handler, with the permission it needs and how it is audited; the name is also the
// audit trail's name for it (refused attempts included). An action's name type comes from here, so an action
// without a rule does not compile, and a table-driven test checks every role against every entry.
import type { Permission } from "./permissions";

export interface ActionRule {
  permission: Permission;
  /**
   * in-transaction: the data module records the event with the change; after: the action client records it once the
   * change (in AWS) succeeded; refusals-only: a read or a routine refresh, only refusals are recorded.
   */
  audit: "in-transaction" | "after" | "refusals-only";
}

export const ACTION_RULES = {
  "check.create": { permission: "createCheck", audit: "in-transaction" },
  "check.update": { permission: "updateCheck", audit: "in-transaction" },
  "check.setEnabled": { permission: "setCheckEnabled", audit: "in-transaction" },
  "check.delete": { permission: "deleteCheck", audit: "in-transaction" },
  "check.setNotifications": { permission: "setCheckNotifications", audit: "in-transaction" },
  "execution.runNow": { permission: "runNow", audit: "after" },
  "execution.rerun": { permission: "rerun", audit: "after" },
  "execution.stop": { permission: "stop", audit: "after" },
  "execution.testPattern": { permission: "testPattern", audit: "after" },
  "execution.sendEvent": { permission: "sendEvent", audit: "after" },
  "execution.sync": { permission: "syncExecutions", audit: "refusals-only" },
  "finding.acknowledge": { permission: "acknowledgeFinding", audit: "in-transaction" },
  "finding.withdrawAcknowledgement": { permission: "acknowledgeFinding", audit: "in-transaction" },
  "reconcile.apply": { permission: "applyReconcile", audit: "after" },
  "query.run": { permission: "runQuery", audit: "after" },
  "query.stop": { permission: "runQuery", audit: "after" },
  // Polled every second or two while a query runs: recording each poll would drown the trail.
  "query.status": { permission: "runQuery", audit: "refusals-only" },
  "query.results": { permission: "runQuery", audit: "refusals-only" },
  "query.schema": { permission: "runQuery", audit: "refusals-only" },
  // The import page: planning reads; applying runs check.create / check.update / check.delete, each audited.
  "check.importPlan": { permission: "createCheck", audit: "refusals-only" },
  "check.importApply": { permission: "createCheck", audit: "refusals-only" },
  "query.workgroup": { permission: "runQuery", audit: "refusals-only" },
  "query.sampleEvent": { permission: "runQuery", audit: "refusals-only" },
  "query.recentEvents": { permission: "runQuery", audit: "refusals-only" },
  "token.create": { permission: "manageTokens", audit: "in-transaction" },
  "token.revoke": { permission: "manageTokens", audit: "in-transaction" },
  "notification.createDestination": { permission: "manageNotificationDestinations", audit: "in-transaction" },
  "notification.updateDestination": { permission: "manageNotificationDestinations", audit: "in-transaction" },
  "notification.deleteDestination": { permission: "manageNotificationDestinations", audit: "in-transaction" },
  "notification.sendTest": { permission: "sendNotificationTest", audit: "after" },
  // Read-only AWS calls (STS, IAM, Athena, EventBridge ListRules): only refusals are recorded.
  "settings.runPreflight": { permission: "runPreflight", audit: "refusals-only" },
} as const satisfies Record<string, ActionRule>;

export type ActionName = keyof typeof ACTION_RULES;

/** Route handlers (method + path pattern as in app/) and their permission. */
export const ROUTE_RULES = {
  "GET /executions/[id]/results": { permission: "readResults", audit: "refusals-only" },
  "GET /executions/[id]/results.csv": { permission: "readResults", audit: "refusals-only" },
  "POST /executions/live": { permission: "readExecutions", audit: "refusals-only" },
  "GET /audit/events.csv": { permission: "readAudit", audit: "refusals-only" },
  "GET /query/[id]/results": { permission: "runQuery", audit: "refusals-only" },
  // Recorded by the route itself once the package starts (what was exported, by whom).
  "GET /evidence/export.zip": { permission: "exportEvidence", audit: "after" },
  // The JSON API (app/api/v1): reads here; each change also passes its server action, which audits it.
  "GET /api/v1/openapi.json": { permission: "readChecks", audit: "refusals-only" },
  "GET /api/v1/checks": { permission: "readChecks", audit: "refusals-only" },
  "POST /api/v1/checks": { permission: "createCheck", audit: "refusals-only" },
  "GET /api/v1/checks/[slug]": { permission: "readChecks", audit: "refusals-only" },
  "PUT /api/v1/checks/[slug]": { permission: "updateCheck", audit: "refusals-only" },
  "DELETE /api/v1/checks/[slug]": { permission: "deleteCheck", audit: "refusals-only" },
  "PUT /api/v1/checks/[slug]/enabled": { permission: "setCheckEnabled", audit: "refusals-only" },
  "GET /api/v1/checks/[slug]/sync": { permission: "readChecks", audit: "refusals-only" },
  "POST /api/v1/checks/[slug]/runs": { permission: "runNow", audit: "refusals-only" },
  "GET /api/v1/executions": { permission: "readExecutions", audit: "refusals-only" },
  "GET /api/v1/executions/[name]": { permission: "readExecutions", audit: "refusals-only" },
  "POST /api/v1/executions/[name]/rerun": { permission: "rerun", audit: "refusals-only" },
  "POST /api/v1/executions/[name]/stop": { permission: "stop", audit: "refusals-only" },
  "GET /api/v1/executions/[name]/results": { permission: "readResults", audit: "refusals-only" },
  "GET /api/v1/executions/[name]/results.csv": { permission: "readResults", audit: "refusals-only" },
  "GET /api/v1/reconcile/plan": { permission: "readReconcilePlan", audit: "refusals-only" },
  "POST /api/v1/reconcile/apply": { permission: "applyReconcile", audit: "refusals-only" },
} as const satisfies Record<string, ActionRule>;

export type RouteName = keyof typeof ROUTE_RULES;

/**
 * Route handlers that answer without a session, and why: load balancers and orchestrators probe health without
 * credentials (and get no data), and Prometheus scrapes /metrics with its own bearer token (METRICS_TOKEN).
 */
export const PUBLIC_ROUTES = {
  "/healthz": "liveness probe: says only that the process answers",
  "/readyz": "readiness probe: names each dependency's state, no data",
  "/metrics": "Prometheus text behind METRICS_TOKEN or an admin service token",
} as const;
