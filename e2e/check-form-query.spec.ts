// The check form's query runner: the administrator-logins query runs from the new-check form against the sample ECS
// event before saving (parameters resolved to the literals a trigger would give), a typo is marked at its line, the
// fixed query shows rows, cost and the verdict the expectation would give, a long query is cancelled, and the schema
// browser beside the editor lists the audit table's columns. The draft survives all of it; a viewer has no Run.
import { expect, test, type Page } from "@playwright/test";
import { fillEditor, storageStateOf, uniqueName } from "./fixtures";

test.use({ storageState: storageStateOf("operator") });

const ADMIN_LOGINS = (and: string) => `WITH params AS (
  SELECT ? AS cluster_name, from_iso8601_timestamp(?) AS window_end
)
SELECT count(*) AS admin_logins
FROM auditlogs.aurora_audit_log AS a
CROSS JOIN params AS p
WHERE a.dt BETWEEN date_format(p.window_end - interval '1' day, '%Y-%m-%d')
               AND date_format(p.window_end, '%Y-%m-%d')
  ${and} a.operation = 'CONNECT'
  AND a.username IN ('admin', 'rdsadmin')
  AND a.serverhost LIKE p.cluster_name || '%'`;

async function fillAdminLoginsDraft(page: Page, name: string) {
  await page.goto("/checks/new");
  await expect(page.locator("#sql .cm-content")).toBeVisible();
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("radio", { name: "ECS task stopped" }).check();
  await page.getByLabel("Cluster ARN").fill("arn:aws:ecs:us-east-1:000000000000:cluster/audit-log-shipper");
  await page.getByLabel("Container command").fill("prod-aurora-cluster");
  await page.getByLabel("Exit code").fill("0");
  await fillEditor(page, "sql", ADMIN_LOGINS("ANDD"));
  const paths = ["$.detail.overrides.containerOverrides[0].command[0]", "$.time"];
  for (const [i, path] of paths.entries()) {
    await page.getByRole("button", { name: "Add parameter" }).click();
    await page.getByLabel(`Parameter ${i + 1} kind`).selectOption("eventPath");
    await page.getByLabel(`Parameter ${i + 1} event path`).fill(path);
  }
  await page.getByLabel("Expectation", { exact: true }).selectOption("firstValue");
  await page.getByLabel("Comparison").selectOption("eq");
  await page.getByLabel("Expected number").fill("0");
}

test("the administrator-logins query runs against the sample ECS event from the new-check form", async ({
  page,
}, info) => {
  test.setTimeout(150_000);
  const name = uniqueName("Admin logins probe", info);
  await fillAdminLoginsDraft(page, name);

  // Each parameter's path resolves against the ECS sample built from the builder's fields.
  await expect(page.getByTestId("parameter-0-literal")).toContainText("'prod-aurora-cluster'", { timeout: 20_000 });
  await expect(page.getByTestId("parameter-1-literal")).toContainText(/'\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ'/);
  await expect(page.getByTestId("cost-guard").getByTestId("scan-limit")).toContainText("Workgroup primary");

  // The typo: Athena's error in words, marked in the editor on line 9.
  await page.getByRole("button", { name: "Run query" }).click();
  await expect(page.getByTestId("query-error")).toContainText("Syntax error at line 9", { timeout: 30_000 });
  await expect(page.locator("#sql .cm-line").nth(8).locator(".cm-lintRange-error")).toHaveCount(1);
  await expect(page.getByTestId("would-be-verdict")).toContainText("ERROR");

  // Fixed, run with Ctrl-Enter: one row (the count), the cost with the 10 MB minimum, the verdict it would give.
  await fillEditor(page, "sql", ADMIN_LOGINS("AND"));
  await page.keyboard.press("Control+Enter");
  await expect(page.getByTestId("query-state")).toContainText("SUCCEEDED", { timeout: 30_000 });
  await expect(page.locator("#sql .cm-lintRange-error")).toHaveCount(0);
  const table = page.getByTestId("result-table");
  await expect(table.locator("thead")).toContainText("admin_logins");
  await expect(table.locator("tbody tr")).toHaveCount(1);
  const count = (await table.locator("tbody tr td").last().innerText()).trim().replace(/,/g, "");
  expect(count).toMatch(/^\d+$/);
  await expect(page.getByTestId("query-run").locator('[data-stat="Cost"]')).toContainText("10 MB minimum");
  const verdict = page.getByTestId("would-be-verdict");
  await expect(verdict).toContainText(count === "0" ? "PASS" : "FAIL");
  await expect(verdict).toContainText(
    `The first value is ${Number(count).toLocaleString("en-US")}; expected first value = 0`,
  );

  // A path that resolves to nothing is flagged at its parameter, and the run is refused with the reason.
  await page.getByLabel("Parameter 2 event path").fill("$.detail.stoppedReasonCode");
  await expect(page.getByTestId("parameter-1-literal")).toContainText("Resolves to nothing");
  await page.getByRole("button", { name: "Run query" }).click();
  await expect(page.getByTestId("run-refused")).toContainText("Parameter 2 has no value to run with");
  await page.getByLabel("Parameter 2 event path").fill("$.time");

  // The schema browser beside the editor: the audit table's columns, a click inserts one at the cursor.
  const schema = page.getByTestId("schema-browser");
  const auditTable = schema.locator('[data-table="aurora_audit_log"]');
  await expect(auditTable).toBeVisible({ timeout: 30_000 });
  await auditTable.getByRole("button", { name: "Show the columns of aurora_audit_log" }).click();
  await expect(auditTable.locator('[data-column="dt"]')).toContainText("partition key");
  await page.locator("#sql .cm-content").click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type("\n  AND a.");
  await auditTable.locator('[data-column="retcode"]').click();
  await expect(page.locator("#sql .cm-line").last()).toHaveText("  AND a.retcode");

  // Nothing was lost and nothing saved: still the new-check form with the operator's input.
  expect(new URL(page.url()).pathname).toBe("/checks/new");
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(name);
  await expect(page.getByLabel("Container command")).toHaveValue("prod-aurora-cluster");
});

test("a long query is cancelled from the form; an unfiltered partitioned table is warned about", async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto("/checks/new");
  await expect(page.locator("#sql .cm-content")).toBeVisible();
  await fillEditor(
    page,
    "sql",
    "SELECT count(*) FROM aurora_audit_log a CROSS JOIN aurora_audit_log b CROSS JOIN aurora_audit_log c\nWHERE a.retcode + b.retcode + c.retcode = 3",
  );
  await expect(page.getByTestId("partition-warning")).toContainText("aurora_audit_log", { timeout: 30_000 });
  await expect(page.getByTestId("partition-warning")).toContainText("dt");
  await page.getByRole("button", { name: "Run query" }).click();
  await expect(page.getByTestId("query-state")).toContainText("RUNNING", { timeout: 20_000 });
  await expect(page.getByTestId("query-run").locator('[data-stat="Elapsed"]')).toContainText(/\d/);
  await page.getByRole("button", { name: "Cancel", exact: true }).first().click();
  await expect(page.getByTestId("query-state")).toContainText("CANCELLED", { timeout: 20_000 });
  await expect(page.getByText("The query was cancelled; it has no result.")).toBeVisible();
  await expect(page.getByTestId("would-be-verdict")).toHaveCount(0);
  // An empty query is refused with a sentence, before Athena.
  await fillEditor(page, "sql", "   ");
  await page.getByRole("button", { name: "Run query" }).click();
  await expect(page.getByTestId("run-refused")).toHaveText("Write a query first.");
});

test("a query on /query becomes a new check's SQL", async ({ page }) => {
  await page.goto("/query");
  const sql = "SELECT count(*) AS n FROM aurora_audit_log WHERE dt = '2026-12-01'";
  const content = page.locator("#query-sql .cm-content");
  await content.click();
  await content.fill(sql);
  await page.getByRole("button", { name: "Create check from this query" }).click();
  await page.waitForURL(/\/checks\/new\?from=query/);
  await expect(page.locator("#sql .cm-content")).toHaveText(sql);
  await expect(page.getByLabel("Database")).toHaveValue("auditlogs");
});

test.describe("as a viewer", () => {
  test.use({ storageState: storageStateOf("viewer") });
  test("there is no Run query button anywhere", async ({ page }) => {
    await page.goto("/checks/new");
    await expect(page.locator("body")).toContainText(/Not allowed|operator role/);
    await expect(page.getByRole("button", { name: "Run query" })).toHaveCount(0);
    await page.goto("/query");
    await expect(page.getByRole("button", { name: "Run query" })).toHaveCount(0);
  });
});
