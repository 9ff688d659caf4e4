// Roles from group membership. Pure: the configuration is passed in, so tests and the ALB/OIDC paths share it.

export const ROLES = ["viewer", "operator", "admin"] as const;
export type Role = (typeof ROLES)[number];

export interface RoleGroups {
  admin: string[];
  operator: string[];
  viewer: string[];
}

/** The highest role any of `groups` maps to; null when none is mapped (the "no role" page). */
export function roleFromGroups(groups: readonly string[], mapping: RoleGroups): Role | null {
  const has = (list: string[]) => groups.some((g) => list.includes(g));
  if (has(mapping.admin)) return "admin";
  if (has(mapping.operator)) return "operator";
  if (has(mapping.viewer)) return "viewer";
  return null;
}

/** Default claims read for groups, in order, when OIDC_GROUPS_CLAIM is unset. */
export const DEFAULT_GROUPS_CLAIMS = ["cognito:groups", "groups"] as const;

/**
 * The groups in an ID token / userinfo document: the configured claim, else `cognito:groups`, else `groups`.
 * Accepts an array of strings or a single string (some providers send one group bare); anything else is no groups.
 */
export function groupsFromClaims(claims: Record<string, unknown>, claimName?: string): string[] {
  const names = claimName ? [claimName] : DEFAULT_GROUPS_CLAIMS;
  for (const name of names) {
    const value = claims[name];
    if (Array.isArray(value)) return value.filter((g): g is string => typeof g === "string" && g.length > 0);
    if (typeof value === "string" && value.length > 0) return [value];
  }
  return [];
}

export function roleLabel(role: Role | null): string {
  return role === null ? "no role" : role;
}
