import { describe, expect, it } from "vitest";
import { maxSlugLength, shortHash, slugError, slugFromName } from "./slug";

describe("slugFromName", () => {
  it.each([
    ["Aurora administrator logins", "aurora-administrator-logins"],
    ["  Failed logins / hour  ", "failed-logins-hour"],
    ["DDL statements per day", "ddl-statements-per-day"],
    ["Café crème", "cafe-creme"],
    ["Straße & Brücke", "strasse-and-brucke"],
    ["Øresund łódź", "oresund-lodz"],
    ["ÆON Ærø", "aeon-aero"],
    ["already-a_slug", "already-a-slug"],
    ["Aurora 管理者ログイン", "aurora"],
    ["v2.0 — checks!!!", "v2-0-checks"],
    ["ＦＵＬＬＷＩＤＴＨ", "fullwidth"],
  ])("%j → %j", (name, slug) => {
    expect(slugFromName(name)).toBe(slug);
  });

  it("falls back to check-<hash> for a name without Latin letters", () => {
    const slug = slugFromName("管理者ログインの監査");
    expect(slug).toMatch(/^check-[0-9a-f]{8}$/);
    expect(slugFromName("管理者ログインの監査")).toBe(slug);
    expect(slugFromName("別の名前")).not.toBe(slug);
  });

  it("is empty for an empty name", () => {
    expect(slugFromName("")).toBe("");
    expect(slugFromName("   ")).toBe("");
  });

  it("fits the rule name with the prefix and leaves no trailing dash", () => {
    const long = "word ".repeat(40);
    const slug = slugFromName(long);
    expect(slug.length).toBeLessThanOrEqual(64 - "audit-check-".length);
    expect(slug.endsWith("-")).toBe(false);
    expect(slugFromName(long, "a-much-longer-prefix-for-rules-").length).toBeLessThanOrEqual(64 - 31);
  });

  it("always produces a slug that passes slugError", () => {
    for (const name of ["Aurora administrator logins", "日本語", "x".repeat(300), "Ünïcödé ✓", "a/b\\c"]) {
      expect(slugError(slugFromName(name))).toBeNull();
    }
  });
});

describe("slugError", () => {
  it("accepts letters, digits, - and _", () => {
    expect(slugError("Aurora_admin-logins-2")).toBeNull();
    expect(slugError("x".repeat(52))).toBeNull();
  });

  it.each([
    ["", /Enter a slug/],
    ["has space", /Use only letters/],
    ["dot.ted", /Use only letters/],
    ["ümlaut", /Use only letters/],
    ["x".repeat(53), /at most 52 fit/],
  ])("refuses %j", (slug, message) => {
    expect(slugError(slug)).toMatch(message);
  });

  it("depends on the prefix length", () => {
    expect(maxSlugLength("audit-check-")).toBe(52);
    expect(maxSlugLength("p-")).toBe(62);
    expect(slugError("x".repeat(60), "p-")).toBeNull();
    expect(slugError("x".repeat(63), "p-")).toMatch(/at most 62/);
  });
});

describe("shortHash", () => {
  it("is 8 hex digits and deterministic", () => {
    expect(shortHash("abc")).toMatch(/^[0-9a-f]{8}$/);
    expect(shortHash("abc")).toBe(shortHash("abc"));
    expect(shortHash("abc")).not.toBe(shortHash("abd"));
  });
});
