// Every permission of the console, in one table: what each role may do. Server actions, route handlers and pages
// ask `can<Action>(user)`; the UI asks the same functions to hide what the user may not do (hiding is never the
// control). Pure (no server imports) so client components and tests can use it.
import type { Role } from "./roles";

/** The least role that holds each permission; roles are ordered viewer < operator < admin. */
export const PERMISSIONS = {
  // viewer: read everything
  readChecks: "viewer",
  readExecutions: "viewer",
  readResults: "viewer",
  readReconcilePlan: "viewer",
  readAudit: "viewer",
  syncExecutions: "viewer",
  testPattern: "viewer",
  readNotifications: "viewer",
  // operator: change checks and start or stop runs
  createCheck: "operator",
  updateCheck: "operator",
  setCheckEnabled: "operator",
  runNow: "operator",
  rerun: "operator",
  stop: "operator",
  sendEvent: "operator",
  // An acknowledged finding stops failing "no unacknowledged findings": an operator's decision, audited.
  acknowledgeFinding: "operator",
  // Ad-hoc queries cost money and read every table the console's role can: an operator's right.
  runQuery: "operator",
  // An evidence package carries every run's rows for a period out of the console: an operator's right, audited.
  exportEvidence: "operator",
  // Attaching a destination to a check, and sending a test through one: checks are an operator's to change.
  setCheckNotifications: "operator",
  sendNotificationTest: "operator",
  // admin: destructive and account-wide
  deleteCheck: "admin",
  applyReconcile: "admin",
  manageTokens: "admin",
  readSettings: "admin",
  // The preflight reads the account's roles and policies (IAM) and names what is missing: as admin-only as Settings.
  runPreflight: "admin",
  // Destinations hold credentials (a Slack URL is one) and reach outside the account.
  manageNotificationDestinations: "admin",
} as const satisfies Record<string, Role>;

export type Permission = keyof typeof PERMISSIONS;

const RANK: Record<Role, number> = { viewer: 1, operator: 2, admin: 3 };

/** Whoever is acting, as far as permissions go: a user or a service token, with its role (null: none mapped). */
export interface Principal {
  role: Role | null;
}

export function can(principal: Principal | null | undefined, permission: Permission): boolean {
  if (!principal?.role) return false;
  return RANK[principal.role] >= RANK[PERMISSIONS[permission]];
}

/** The sentence a refused user reads. */
export function refusalMessage(principal: Principal | null | undefined, permission: Permission): string {
  if (!principal) return "You are not signed in (or your session ended). Sign in again.";
  const need = PERMISSIONS[permission];
  const have = principal.role ?? "no role";
  return `Not allowed: this needs the ${need} role, and you have ${have === "no role" ? "no role" : `the ${have} role`}.`;
}

type P = Principal | null | undefined;
export const canReadChecks = (p: P) => can(p, "readChecks");
export const canReadExecutions = (p: P) => can(p, "readExecutions");
export const canReadResults = (p: P) => can(p, "readResults");
export const canReadReconcilePlan = (p: P) => can(p, "readReconcilePlan");
export const canReadAudit = (p: P) => can(p, "readAudit");
export const canExportEvidence = (p: P) => can(p, "exportEvidence");
export const canSyncExecutions = (p: P) => can(p, "syncExecutions");
export const canTestPattern = (p: P) => can(p, "testPattern");
export const canRunQuery = (p: P) => can(p, "runQuery");
export const canCreateCheck = (p: P) => can(p, "createCheck");
export const canUpdateCheck = (p: P) => can(p, "updateCheck");
export const canSetCheckEnabled = (p: P) => can(p, "setCheckEnabled");
export const canRunNow = (p: P) => can(p, "runNow");
export const canRerun = (p: P) => can(p, "rerun");
export const canStop = (p: P) => can(p, "stop");
export const canSendEvent = (p: P) => can(p, "sendEvent");
export const canAcknowledgeFinding = (p: P) => can(p, "acknowledgeFinding");
export const canDeleteCheck = (p: P) => can(p, "deleteCheck");
export const canApplyReconcile = (p: P) => can(p, "applyReconcile");
export const canManageTokens = (p: P) => can(p, "manageTokens");
export const canReadSettings = (p: P) => can(p, "readSettings");
export const canRunPreflight = (p: P) => can(p, "runPreflight");
export const canReadNotifications = (p: P) => can(p, "readNotifications");
export const canSetCheckNotifications = (p: P) => can(p, "setCheckNotifications");
export const canSendNotificationTest = (p: P) => can(p, "sendNotificationTest");
export const canManageNotificationDestinations = (p: P) => can(p, "manageNotificationDestinations");
