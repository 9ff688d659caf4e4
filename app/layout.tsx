import type { Metadata } from "next";
import { Link } from "@/components/ui/link";
import { AppNav } from "@/components/app-nav";
import { RoleProvider } from "@/components/auth/role-context";
import { UserMenu } from "@/components/auth/user-menu";
import { DependencyBanner } from "@/components/health/dependency-banner";
import { currentUser } from "@/lib/auth/current-user";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Audit Checks Console", template: "%s · Audit Checks Console" },
  description: "Recurring audit checks over AWS logs.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const user = await currentUser();
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <RoleProvider role={user?.role ?? null}>
          <a
            href="#main"
            className="sr-only rounded-md bg-white px-3 py-2 text-sm font-medium text-zinc-900 shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50"
          >
            Skip to content
          </a>
          <header className="border-b border-zinc-200 bg-white">
            <div className="mx-auto flex h-14 max-w-7xl items-center gap-4 px-6 lg:gap-8">
              <Link
                href="/checks"
                className="flex shrink-0 items-center gap-2 text-sm font-semibold tracking-tight whitespace-nowrap text-zinc-900"
              >
                <span
                  aria-hidden
                  className="grid h-6 w-6 place-items-center rounded bg-zinc-900 text-xs font-bold text-white"
                >
                  A
                </span>
                {/* A phone-wide window keeps the mark and leaves the width to the sections. */}
                <span className="sr-only sm:not-sr-only">Audit Checks</span>
              </Link>
              <AppNav />
              <UserMenu />
            </div>
          </header>
          {user ? <DependencyBanner /> : null}
          <main id="main" tabIndex={-1} className="mx-auto max-w-7xl px-6 py-8 outline-none">
            {children}
          </main>
        </RoleProvider>
      </body>
    </html>
  );
}
