// The query workbench: a typo is reported in words and marked in the editor at its line; the fixed query runs with
// rows, statistics and cost; the schema browser lists the audit table and a click inserts a column's name.
import { expect, test, type Page } from "@playwright/test";

async function setSql(page: Page, sql: string) {
  const content = page.locator("#query-sql .cm-content");
  await content.click();
  await content.fill(sql);
}

test("a typo is marked at its line; the fixed query shows rows and cost; the schema inserts names", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto("/query");
  await expect(page.getByRole("link", { name: "Query" })).toHaveAttribute("aria-current", "page");

  await setSql(
    page,
    "SELECT count(*) AS admin_logins\nFROM aurora_audit_log\nWHERE username = 'admin' ANDD operation = 'CONNECT'",
  );
  await page.getByRole("button", { name: "Run query" }).click();
  const error = page.getByTestId("query-error");
  await expect(error).toContainText("Syntax error at line 3", { timeout: 30_000 });
  await expect(page.getByTestId("query-state")).toContainText("FAILED");
  // The editor marks the error where Athena points (a lint diagnostic on line 3).
  const mark = page.locator("#query-sql .cm-lintRange-error");
  await expect(mark).toHaveCount(1);
  const line3 = page.locator("#query-sql .cm-line").nth(2);
  await expect(line3.locator(".cm-lintRange-error")).toHaveCount(1);

  // Fixed, and run with Ctrl-Enter.
  await setSql(
    page,
    "SELECT count(*) AS admin_logins\nFROM aurora_audit_log\nWHERE username = 'admin' AND operation = 'CONNECT'",
  );
  await page.keyboard.press("Control+Enter");
  const run = page.getByTestId("query-run");
  await expect(page.getByTestId("query-state")).toContainText("SUCCEEDED", { timeout: 30_000 });
  await expect(error).toHaveCount(0);
  await expect(mark).toHaveCount(0);
  const table = page.getByTestId("result-table");
  await expect(table.locator("thead")).toContainText("admin_logins");
  await expect(table.locator("tbody tr")).toHaveCount(1);
  await expect(run.locator('[data-stat="Cost"]')).toContainText(/\$0\.000048.*10 MB minimum/);
  await expect(run.locator('[data-stat="Data scanned"]')).toContainText(/\d/);
  // Both runs are in the history, newest first.
  const history = page.getByTestId("query-history").locator("li");
  await expect(history.first()).toContainText("SUCCEEDED");
  await expect(history.nth(1)).toContainText("FAILED");
  // Re-opening the failed run brings back its SQL and its error.
  await history.nth(1).getByRole("button", { name: /^Open/ }).click();
  await expect(page.locator("#query-sql .cm-content")).toContainText("ANDD operation");
  await expect(error).toContainText("Syntax error at line 3");

  // The schema browser: the default database is open; the audit table's columns insert their names.
  const schema = page.getByTestId("schema-browser");
  const auditTable = schema.locator('[data-table="aurora_audit_log"]');
  await expect(auditTable).toBeVisible({ timeout: 30_000 });
  await setSql(page, "SELECT ");
  await page.keyboard.press("End");
  await auditTable.getByRole("button", { name: "Show the columns of aurora_audit_log" }).click();
  await expect(auditTable.locator('[data-column="dt"]')).toContainText("partition key");
  await auditTable.locator('[data-column="username"]').click();
  await page.locator("#query-sql .cm-content").press("End");
  await page.keyboard.type(" FROM ");
  await auditTable.getByRole("button", { name: "aurora_audit_log", exact: true }).click();
  await expect(page.locator("#query-sql .cm-content")).toHaveText("SELECT username FROM auditlogs.aurora_audit_log");

  // Search narrows to tables with a matching column.
  await schema.getByLabel("Search tables and columns").fill("retcode");
  await expect(auditTable.locator('[data-column="retcode"]')).toBeVisible();
});
