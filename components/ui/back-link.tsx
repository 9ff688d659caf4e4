import { Link } from "./link";
import type { ReactNode } from "react";

/** The "← Parent" link above a detail page's title; one look for every page that has a parent. */
export function BackLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link href={href} className="text-sm text-zinc-500 hover:text-zinc-900">
      ← {children}
    </Link>
  );
}
