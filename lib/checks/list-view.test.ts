import { describe, expect, it } from "vitest";
import { countLabel, filterAndSort, listHref, pageOf, parseListQuery, sortHref, type CheckRow } from "./list-view";

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
    expect(parseListQuery({})).toEqual({ q: "", sort: "name", dir: "asc", page: 1, size: 25 });
  });
  it("reads known values and ignores unknown ones", () => {
    expect(parseListQuery({ q: "  ecs ", sort: "lastRun", dir: "desc" })).toEqual({
      q: "ecs",
      sort: "lastRun",
      dir: "desc",
      page: 1,
      size: 25,
    });
    expect(parseListQuery({ sort: "drop table", dir: "sideways" })).toEqual({
      q: "",
      sort: "name",
      dir: "asc",
      page: 1,
      size: 25,
    });
    expect(parseListQuery({ q: ["a", "b"] }).q).toBe("a");
  });
  it("reads a page number and falls back to the first page for anything else", () => {
    expect(parseListQuery({ page: "3" }).page).toBe(3);
    for (const page of ["0", "-1", "2.5", "x", "", "1e3", "99999999999"]) {
      expect(parseListQuery({ page }).page, page).toBe(1);
    }
  });
  it("reads one of the page sizes and falls back to the first", () => {
    expect(parseListQuery({ size: "100" }).size).toBe(100);
    for (const size of ["0", "30", "1000", "x", ""]) expect(parseListQuery({ size }).size, size).toBe(25);
  });
});

describe("pageOf", () => {
  const many = Array.from({ length: 123 }, (_, i) => row({ name: `Check ${i + 1}` }));

  it("cuts the rows into pages of the chosen size and says which span is shown", () => {
    const second = pageOf(many, { page: 2, size: 50 });
    expect(second).toMatchObject({ page: 2, pageCount: 3, first: 51, last: 100, matching: 123 });
    expect(second.rows).toHaveLength(50);
    expect(second.rows[0]!.name).toBe("Check 51");
    expect(pageOf(many, { page: 3, size: 50 })).toMatchObject({ first: 101, last: 123 });
    expect(pageOf(many, { page: 1, size: 25 })).toMatchObject({ pageCount: 5, first: 1, last: 25 });
  });

  it("shows the last page for a page past the end, and one empty page when nothing matches", () => {
    expect(pageOf(many, { page: 40, size: 50 })).toMatchObject({ page: 3, first: 101, last: 123 });
    expect(pageOf([], { page: 2, size: 25 })).toMatchObject({
      rows: [],
      page: 1,
      pageCount: 1,
      first: 0,
      last: 0,
      matching: 0,
    });
  });
});

describe("countLabel", () => {
  const many = Array.from({ length: 1234 }, (_, i) => row({ name: `Check ${i + 1}` }));
  it("counts all, a search's share, and a page's span of either", () => {
    expect(countLabel(pageOf(many.slice(0, 1), { page: 1, size: 25 }), 1)).toBe("1 check");
    expect(countLabel(pageOf(many.slice(0, 7), { page: 1, size: 25 }), 7)).toBe("7 checks");
    expect(countLabel(pageOf(many.slice(0, 3), { page: 1, size: 25 }), 7)).toBe("3 of 7 checks");
    expect(countLabel(pageOf(many, { page: 2, size: 50 }), 1234)).toBe("51–100 of 1,234 checks");
    expect(countLabel(pageOf(many.slice(0, 60), { page: 2, size: 50 }), 1234)).toBe(
      "51–60 of 60 matching (1,234 checks)",
    );
  });
});

describe("list addresses", () => {
  const query = { q: "", sort: "name" as const, dir: "asc" as const, page: 1, size: 25 };

  it("leave out the defaults and keep the search, sort and page", () => {
    expect(listHref(query)).toBe("/checks");
    expect(listHref({ ...query, page: 2 })).toBe("/checks?page=2");
    expect(listHref({ q: "ecs task", sort: "lastRun", dir: "desc", page: 3, size: 100 })).toBe(
      "/checks?q=ecs+task&sort=lastRun&dir=desc&page=3&size=100",
    );
  });

  it("sort from the first page, turning the direction when the column already sorts", () => {
    expect(sortHref({ ...query, page: 4 }, "trigger")).toBe("/checks?sort=trigger&dir=asc");
    expect(sortHref({ ...query, q: "x", page: 4 }, "name")).toBe("/checks?q=x&sort=name&dir=desc");
    expect(sortHref({ ...query, size: 50 }, "enabled")).toBe("/checks?sort=enabled&dir=asc&size=50");
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
