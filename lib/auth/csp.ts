// The Content-Security-Policy and the other security headers every response carries. Pure (proxy.ts and tests).
import { PUBLIC_ROUTES } from "./action-rules";

export function contentSecurityPolicy(nonce: string, options: { dev: boolean; formTargets: string[] }): string {
  return [
    "default-src 'self'",
    // Scripts only with this response's nonce (Next adds it to its own); 'strict-dynamic' lets them load chunks.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    // The code editor injects style elements at run time; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    // Sign-in and sign-out forms end at the identity provider (a form's redirect is checked too).
    `form-action 'self' ${options.formTargets.join(" ")}`.trim(),
    "frame-ancestors 'none'",
  ].join("; ");
}

export const SECURITY_HEADERS: Record<string, string> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "X-Frame-Options": "DENY",
};

/** Paths served without a session: the sign-in pages and flow, and static assets. */
export function isPublicPath(pathname: string): boolean {
  return (
    pathname === "/signin" ||
    pathname in PUBLIC_ROUTES ||
    pathname.startsWith("/auth/") ||
    pathname.startsWith("/_next/") ||
    pathname === "/icon.svg" ||
    pathname === "/favicon.ico"
  );
}
