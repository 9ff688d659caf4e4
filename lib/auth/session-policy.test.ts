import { describe, expect, it } from "vitest";
import { cookieOptions, sessionCookieName, sessionState } from "./session-policy";
import { contentSecurityPolicy } from "./csp";
import { safeReturnTo } from "./return-to";

const t = (iso: string) => new Date(iso);

describe("sessionState", () => {
  const base = { lastSeenAt: t("2026-01-01T10:00:00Z"), expiresAt: t("2026-01-01T22:00:00Z"), endedAt: null };
  it("is active within the idle timeout", () => {
    expect(sessionState(base, t("2026-01-01T10:29:59Z"), 30)).toBe("active");
  });
  it("ends after the idle timeout", () => {
    expect(sessionState(base, t("2026-01-01T10:30:00Z"), 30)).toBe("idle");
  });
  it("ends at the absolute lifetime whatever the activity", () => {
    expect(sessionState({ ...base, lastSeenAt: t("2026-01-01T21:59:00Z") }, t("2026-01-01T22:00:00Z"), 30)).toBe(
      "expired",
    );
  });
  it("stays ended once signed out or revoked", () => {
    expect(sessionState({ ...base, endedAt: t("2026-01-01T10:01:00Z") }, t("2026-01-01T10:02:00Z"), 30)).toBe("ended");
  });
});

describe("cookies", () => {
  it("are HttpOnly and SameSite=Lax, Secure with a __Host- name on https", () => {
    expect(cookieOptions("http://localhost:3000")).toMatchObject({ httpOnly: true, sameSite: "lax", secure: false });
    expect(cookieOptions("https://console.example.com")).toMatchObject({ secure: true, path: "/" });
    expect(sessionCookieName("https://console.example.com")).toBe("__Host-acc_session");
  });
});

describe("content security policy", () => {
  it("allows scripts only by nonce, no inline scripts, and no framing", () => {
    const csp = contentSecurityPolicy("abc", { dev: false, formTargets: ["https://idp.example.com"] });
    const script = csp.split("; ").find((d) => d.startsWith("script-src"))!;
    expect(script).toContain("'nonce-abc'");
    expect(script).not.toContain("unsafe-inline");
    expect(script).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("form-action 'self' https://idp.example.com");
  });
});

describe("safeReturnTo", () => {
  it("keeps local paths and refuses other sites", () => {
    expect(safeReturnTo("/executions?status=FAILED")).toBe("/executions?status=FAILED");
    expect(safeReturnTo("//evil.example.com/x")).toBe("/checks");
    expect(safeReturnTo("https://evil.example.com")).toBe("/checks");
    expect(safeReturnTo("/\\evil.example.com")).toBe("/checks");
    expect(safeReturnTo(null)).toBe("/checks");
  });
});
