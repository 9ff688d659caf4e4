// Result tables end to end: a 10,000-row result paged through Athena's NextToken and downloaded as CSV with every
// row; every Athena type rendered (numbers right-aligned with separators, NULL apart from the empty string).
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { createCheck, uniqueName } from "./fixtures";

async function runToResult(page: Page, name: string, sql: string) {
  await createCheck(page, { name, sql, trigger: { kind: "schedule", expression: "rate(1 day)" } });
  await page.getByTestId("check-runs").getByRole("button", { name: "Run now" }).click();
  await page.waitForURL(/-manual-\d{8}T\d{6}Z$/);
  await expect(page.getByTestId("execution-status")).toHaveText("Succeeded", { timeout: 45_000 });
  await expect(page.getByTestId("result-table")).toBeVisible();
}

test("a 10,000-row result pages through Athena and downloads as CSV with every row", async ({ page }, info) => {
  test.setTimeout(150_000);
  await runToResult(
    page,
    uniqueName("Ten thousand rows", info),
    "SELECT n, 'row ' || CAST(n AS varchar) AS label FROM unnest(sequence(1, 10000)) AS t(n) ORDER BY n",
  );
  const table = page.getByTestId("result-table");
  await expect(table).toContainText("Rows 1–50");
  await expect(table.locator("tbody tr")).toHaveCount(50);
  await expect(table.locator("tbody tr").first()).toContainText("row 1");

  // Bigger pages, forward to the end and back.
  await table.getByLabel("Rows per page").selectOption("500");
  await expect(table).toContainText("Rows 1–500", { timeout: 30_000 }); // the first fetch of the results route
  for (let i = 2; i <= 20; i++) {
    await table.getByRole("button", { name: "Next →" }).click();
    await expect(table).toContainText(`Rows ${((i - 1) * 500 + 1).toLocaleString("en-US")}–`);
  }
  await expect(table).toContainText("Rows 9,501–10,000 of 10,000");
  await expect(table.locator("tbody tr").last()).toContainText("10,000");
  await expect(table.getByRole("button", { name: "Next →" })).toBeDisabled();
  await table.getByRole("button", { name: "← Previous" }).click();
  await expect(table).toContainText("Rows 9,001–9,500");

  // The CSV: header + every row, in order.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-csv").click()]);
  const text = await readFile((await download.path())!, "utf8");
  const lines = text.split("\r\n").filter(Boolean);
  expect(lines).toHaveLength(10_001);
  expect(lines[0]).toBe("n,label");
  expect(lines[1]).toBe("1,row 1");
  expect(lines[10_000]).toBe("10000,row 10000");
  expect(new Set(lines.slice(1).map((l) => l.split(",")[0])).size).toBe(10_000);
});

test("every Athena type renders: numbers right-aligned with separators, NULL apart from '', long text folded", async ({
  page,
}, info) => {
  test.setTimeout(90_000);
  await runToResult(page, uniqueName("All types", info), "SELECT * FROM demo.all_types ORDER BY id");
  const table = page.getByTestId("result-table");
  const header = table.locator("thead");
  for (const type of ["bigint", "decimal", "double", "boolean", "date", "timestamp", "array", "map", "row"])
    await expect(header).toContainText(type);
  const rows = table.locator("tbody tr");
  await expect(rows).toHaveCount(4);
  // Row 1: a bigint beyond 2^53 keeps every digit, grouped.
  await expect(rows.nth(0)).toContainText("9,007,199,254,740,993");
  // Row 2 is NULL everywhere but its id; row 3 has an empty label: they look different.
  await expect(rows.nth(1).locator("[data-null]")).toHaveCount(15);
  await expect(rows.nth(2).locator("[data-empty]").first()).toBeVisible();
  await expect(rows.nth(2).locator("[data-null]")).toHaveCount(0);
  // Numbers are right-aligned, text left-aligned.
  await expect(rows.nth(0).locator("td").nth(1)).toHaveClass(/text-right/);
  await expect(rows.nth(0).locator("td").nth(2)).toHaveClass(/text-left/);
  // A timestamp reads without the T and keeps its milliseconds.
  await expect(rows.nth(0)).toContainText("2024-01-15 10:30:00.123");
});
