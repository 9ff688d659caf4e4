"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const ITEMS = [
  { href: "/checks", label: "Checks" },
  { href: "/executions", label: "Executions" },
  { href: "/query", label: "Query" },
  { href: "/reconcile", label: "Reconcile" },
  { href: "/settings", label: "Settings" },
];

/** The top navigation; the section of the current page is marked for screen readers and the eye. */
export function AppNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="flex h-full items-stretch gap-1 text-sm">
      {ITEMS.map((item) => {
        const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? "page" : undefined}
            className={`flex items-center border-b-2 px-3 ${
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
