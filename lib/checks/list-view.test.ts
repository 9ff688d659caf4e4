import { describe, expect, it } from "vitest";
import { filterAndSort, parseListQuery, type CheckRow } from "./list-view";

function row(p: Partial<CheckRow> & { name: string }): CheckRow {
  return {
    id: p.name,
    slug: p.name.toLowerCase().replace(/\W+/g, "-"),
    trigger: "Every hour",
    triggerKind: "schedule",
    expectation: "No rows",
    enabled: true,
    syncStatus: "SYNCED",
    syncErrorTerminal: false,
    generation: 1,
    observedGeneration: 1,
    lastReconciledAt: null,
    syncMessage: null,
    lastRun: null,
    sourcePath: null,
    ...p,
  };
}

const rows = [
  row({
    name: "Beta",
    trigger: "Every day at 12:00 UTC",
    syncStatus: "ERROR",
    enabled: false,
    lastRun: { at: "2026-11-27T10:00:00Z", verdict: "PASS" },
  }),
  row({
    name: "alpha",
    trigger: "When an ECS task in cluster x stops",
    expectation: "First value = 0",
    lastRun: { at: "2026-11-28T10:00:00Z", verdict: "FAIL" },
  }),
  row({ name: "Check 10", syncStatus: "PENDING" }),
  row({ name: "Check 9", syncStatus: "DRIFTED" }),
  row({ name: "監査ログ" }),
];

const names = (r: CheckRow[]) => r.map((x) => x.name);

describe("parseListQuery", () => {
  it("defaults to name ascending", () => {
    expect(parseListQuery({})).toEqual({ q: "", sort: "name", dir: "asc" });
  });
  it("reads known values and ignores unknown ones", () => {
    expect(parseListQuery({ q: "  ecs ", sort: "lastRun", dir: "desc" })).toEqual({
      q: "ecs",
      sort: "lastRun",
      dir: "desc",
    });
    expect(parseListQuery({ sort: "drop table", dir: "sideways" })).toEqual({ q: "", sort: "name", dir: "asc" });
    expect(parseListQuery({ q: ["a", "b"] }).q).toBe("a");
  });
});

describe("filterAndSort", () => {
  it("sorts names naturally and case-insensitively", () => {
    expect(names(filterAndSort(rows, { q: "", sort: "name", dir: "asc" }))).toEqual([
      "alpha",
      "Beta",
      "Check 9",
      "Check 10",
      "監査ログ",
    ]);
    expect(names(filterAndSort(rows, { q: "", sort: "name", dir: "desc" }))[0]).toBe("監査ログ");
  });

  it("searches name, slug, trigger and expectation", () => {
    expect(names(filterAndSort(rows, { q: "ECS", sort: "name", dir: "asc" }))).toEqual(["alpha"]);
    expect(names(filterAndSort(rows, { q: "first value", sort: "name", dir: "asc" }))).toEqual(["alpha"]);
    expect(names(filterAndSort(rows, { q: "監査", sort: "name", dir: "asc" }))).toEqual(["監査ログ"]);
    expect(names(filterAndSort(rows, { q: "check-1", sort: "name", dir: "asc" }))).toEqual(["Check 10"]);
    expect(filterAndSort(rows, { q: "nothing like this", sort: "name", dir: "asc" })).toEqual([]);
  });

  it("puts problems first when sorting by status", () => {
    expect(names(filterAndSort(rows, { q: "", sort: "status", dir: "asc" })).slice(0, 3)).toEqual([
      "Beta",
      "Check 9",
      "Check 10",
    ]);
  });

  it("sorts never-run checks as oldest", () => {
    expect(names(filterAndSort(rows, { q: "", sort: "lastRun", dir: "desc" })).slice(0, 2)).toEqual(["alpha", "Beta"]);
    expect(names(filterAndSort(rows, { q: "", sort: "lastRun", dir: "asc" })).at(-1)).toBe("alpha");
  });

  it("sorts enabled checks first, ties by name", () => {
    expect(names(filterAndSort(rows, { q: "", sort: "enabled", dir: "asc" })).at(-1)).toBe("Beta");
  });

  it("does not mutate its input", () => {
    const copy = [...rows];
    filterAndSort(rows, { q: "", sort: "name", dir: "desc" });
    expect(rows).toEqual(copy);
  });
});
