"use client";
// The signed-in user's role for client components, so they hide what the role may not do. Hiding is a courtesy:
// the server refuses the action anyway.
import { createContext, useContext, type ReactNode } from "react";
import { can, type Permission } from "@/lib/auth/permissions";
import type { Role } from "@/lib/auth/roles";

const RoleContext = createContext<Role | null>(null);

export function RoleProvider({ role, children }: { role: Role | null; children: ReactNode }) {
  return <RoleContext.Provider value={role}>{children}</RoleContext.Provider>;
}

/** Whether the signed-in user's role holds `permission`. */
export function useCan(permission: Permission): boolean {
  return can({ role: useContext(RoleContext) }, permission);
}

/** The same question for a list decided at render (e.g. the navigation's items). */
export function usePermissions(): (permission: Permission) => boolean {
  const role = useContext(RoleContext);
  return (permission) => can({ role }, permission);
}
