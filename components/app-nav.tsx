"use client";

import { Link } from "@/components/ui/link";
import { usePathname } from "next/navigation";
import { usePermissions } from "@/components/auth/role-context";
import type { Permission } from "@/lib/auth/permissions";

const ITEMS: { href: string; label: string; permission: Permission }[] = [
  { href: "/checks", label: "Checks", permission: "readChecks" },
  { href: "/executions", label: "Executions", permission: "readExecutions" },
  { href: "/query", label: "Query", permission: "runQuery" },
  { href: "/reconcile", label: "Reconcile", permission: "readReconcilePlan" },
  { href: "/notifications", label: "Notifications", permission: "readNotifications" },
  { href: "/audit", label: "Audit", permission: "readAudit" },
  { href: "/evidence", label: "Evidence", permission: "exportEvidence" },
  { href: "/tokens", label: "Tokens", permission: "manageTokens" },
  { href: "/settings", label: "Settings", permission: "readSettings" },
];

/** The top navigation; the section of the current page is marked for screen readers and the eye. */
export function AppNav() {
  const pathname = usePathname();
  // The role only hides sections it may not open; each page checks the permission itself.
  const allowed = usePermissions();
  return (
    // In a narrow window the sections scroll sideways inside the header instead of widening the whole page.
    <nav
      aria-label="Main"
      className="relative flex h-full min-w-0 items-stretch gap-1 overflow-x-auto text-sm [scrollbar-width:thin]"
    >
      {ITEMS.filter((item) => allowed(item.permission)).map((item) => {
        const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? "page" : undefined}
            className={`flex shrink-0 items-center border-b-2 px-3 whitespace-nowrap ${
              active
                ? "border-zinc-900 font-medium text-zinc-900"
                : "border-transparent text-zinc-500 hover:text-zinc-900"
            }`}
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
