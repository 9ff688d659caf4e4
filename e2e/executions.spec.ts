// Executions end to end: the original story (the ECS event runs the demo check), Run now, Rerun, Stop, and a
// failing query that shows Athena's error. Runs against the emulator started by the Playwright web server.
import { expect, test, type Page } from "@playwright/test";
import { createCheck, uniqueName } from "./fixtures";

const DEMO = "Aurora administrator logins";

async function openDemoCheck(page: Page): Promise<string> {
  // Searched for: other tests' checks can put it past the list's first page.
  await page.goto(`/checks?q=${encodeURIComponent(DEMO)}`);
  await page.getByRole("link", { name: DEMO, exact: true }).first().click();
  await page.waitForURL(/\/checks\/[0-9a-f-]{36}/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(DEMO);
  return /\/checks\/([0-9a-f-]{36})/.exec(page.url())![1]!;
}

/** Waits on an execution page until Step Functions reports it closed (the page refreshes itself while running). */
async function expectClosed(page: Page, status = "Succeeded") {
  await expect(page.getByTestId("execution-status")).toHaveText(status, { timeout: 45_000 });
}

test("the original story: the log-upload task's ECS event starts the demo check, and its run shows a timeline and a result", async ({
  page,
}) => {
  test.setTimeout(150_000);
  const checkId = await openDemoCheck(page);

  // Test trigger: the default sample is the ECS event fitted to the check, and the pattern matches it.
  await page.getByRole("link", { name: "Test trigger" }).click();
  await expect(page.getByRole("heading", { name: "Test trigger" })).toBeVisible();
  await expect(page.getByTestId("event-json")).toHaveValue(/"lastStatus": "STOPPED"/);
  await page.getByRole("button", { name: "Test pattern" }).click();
  await expect(page.getByText("The pattern matches this event.")).toBeVisible();

  // A task that failed (exit code 1) does not match.
  await page.getByLabel("Sample event").selectOption("failed");
  await page.getByRole("button", { name: "Test pattern" }).click();
  await expect(page.getByText("The pattern does not match this event.")).toBeVisible();

  // Sent for real: the rule starts an execution of the shared state machine. (Runs already listed — from an earlier
  // run against the same console — are noted first, so the new one is told apart.)
  const runsOfDemo = `/executions?check=${checkId}&trigger=event&size=200`;
  const testTriggerUrl = page.url();
  await page.goto(runsOfDemo);
  const known = new Set(
    await page
      .getByTestId("executions-table")
      .locator("tbody tr")
      .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-execution")))
      .catch(() => []),
  );
  await page.goto(testTriggerUrl);
  await page.getByLabel("Sample event").selectOption("fitted");
  const sentAt = Date.now();
  await page.getByRole("button", { name: "Send as a real event" }).click();
  await expect(page.getByText(/Event sent \(id /)).toBeVisible();

  await page.goto(runsOfDemo);
  let name = "";
  await expect(async () => {
    await page.getByRole("button", { name: "Sync now" }).click();
    const names = await page
      .getByTestId("executions-table")
      .locator("tbody tr")
      .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-execution")));
    name = names.find((n) => n && !known.has(n)) ?? "";
    expect(name, "a new event-triggered execution of the demo check").not.toBe("");
  }).toPass({ timeout: 90_000 });
  const row = page.locator(`[data-execution="${name}"]`);
  await expect(row).toContainText("Event");
  await expect(row).toContainText(DEMO);

  await page.goto(`/executions/${encodeURIComponent(name)}`);
  await expect(page.getByTestId("execution-name")).toHaveText(name);
  await expectClosed(page);
  expect(Date.now() - sentAt).toBeLessThan(120_000);
  // Timeline of state transitions with the Athena task, and the query's figures.
  const timeline = page.getByTestId("timeline");
  await expect(timeline.locator('[data-state="StartQueryWithParameters"]')).toContainText(
    "athena:startQueryExecution.sync",
  );
  await expect(timeline).toContainText("history events");
  await expect(page.getByTestId("query-panel")).toContainText("SUCCEEDED");
  await expect(page.getByTestId("query-panel")).toContainText("10 MB minimum");
  // The cluster name came from the event's container command.
  await expect(page.getByTestId("query-panel")).toContainText(
    "from the event at $.detail.overrides.containerOverrides[0].command[0]",
  );
  // The result table: one bigint column, right-aligned.
  const table = page.getByTestId("result-table");
  await expect(table.locator("thead")).toContainText("admin_logins");
  await expect(table.locator("thead")).toContainText("bigint");
  await expect(table.locator("tbody tr")).toHaveCount(1);
  await expect(table.locator("tbody td").nth(1)).toHaveClass(/text-right/);
  // The triggering event, collapsible.
  const event = page.getByTestId("trigger-event");
  await event.locator("summary").click();
  await expect(event.locator("pre")).toContainText('"detail-type": "ECS Task State Change"');
});

test("run now from the check page, then rerun the execution", async ({ page }) => {
  test.setTimeout(120_000);
  const checkId = await openDemoCheck(page);
  await page.getByTestId("check-runs").getByRole("button", { name: "Run now" }).click();
  await page.waitForURL(/\/executions\/aurora-admin-logins-manual-\d{8}T\d{6}Z/);
  const first = decodeURIComponent(page.url().split("/executions/")[1]!);
  await expect(page.getByTestId("execution-name")).toHaveText(first);
  await expectClosed(page);
  await expect(page.getByTestId("execution-verdict")).toHaveText(/PASS|FAIL/);
  await expect(page.getByText("Run now", { exact: true })).toBeVisible();
  // The run carries who started it (trigger.actor); the suite signs in as the demo admin.
  await expect(page.getByText("by Demo admin")).toBeVisible();

  await page.getByRole("button", { name: "Rerun" }).click();
  await page.waitForURL(/\/executions\/aurora-admin-logins-rerun-\d{8}T\d{6}Z/);
  const second = decodeURIComponent(page.url().split("/executions/")[1]!);
  expect(second).not.toBe(first);
  await expectClosed(page);
  // It says what it reran, and links back.
  await expect(page.getByRole("link", { name: first })).toBeVisible();
  // It ran its own query (same SQL and parameters, a new Athena query). Note: the emulator derives the query's
  // ClientRequestToken with aws-local-stepfunctions' States.Hash, whose SHA-256 is wrong beyond 55 bytes and collides
  // for ARNs that share their first ~80 characters; this assertion catches that.
  const secondQuery = await page.getByTestId("query-panel").getByTestId("query-id").textContent();
  await page.getByRole("link", { name: first }).click();
  await expect(page.getByTestId("execution-name")).toHaveText(first);
  expect(await page.getByTestId("query-panel").getByTestId("query-id").textContent()).not.toBe(secondQuery);

  // Both are on the check page and in the list, by name.
  await page.goto(`/checks/${checkId}`);
  await expect(page.getByTestId("check-runs").locator(`[data-execution="${second}"]`)).toBeVisible();
  await expect(page.getByTestId("runs-trend")).toBeVisible();
  await page.goto(`/executions?q=${encodeURIComponent(second)}`);
  await expect(page.getByTestId("executions-table").locator("tbody tr")).toHaveCount(1);
  await expect(page.getByTestId("executions-table")).toContainText("Rerun");
});

test("stop a running execution", async ({ page }, info) => {
  test.setTimeout(120_000);
  // A query that would keep the emulator's Athena busy for minutes; stopping the execution cancels it.
  await createCheck(page, {
    name: uniqueName("Slow scan", info),
    sql: "SELECT count(*) FROM range(100000000000)",
    trigger: { kind: "schedule", expression: "rate(1 day)" },
  });
  await page.getByTestId("check-runs").getByRole("button", { name: "Run now" }).click();
  await page.waitForURL(/-manual-\d{8}T\d{6}Z$/);
  await expect(page.getByTestId("execution-status")).toHaveText("Running");
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Stop" }).click();
  await expectClosed(page, "Stopped");
  await expect(page.getByRole("button", { name: "Stop" })).toHaveCount(0);
  // Step Functions recorded who stopped it, and the query was cancelled with it.
  await expect(page.getByTestId("timeline")).toContainText("Stopped from the Audit Checks Console by");
  await expect(page.getByTestId("query-panel")).toContainText("CANCELLED", { timeout: 20_000 });
});

test("a failing query shows Athena's error", async ({ page }, info) => {
  test.setTimeout(90_000);
  await createCheck(page, {
    name: uniqueName("Missing table", info),
    sql: "SELECT count(*) FROM auditlogs.no_such_table",
    trigger: { kind: "schedule", expression: "rate(1 day)" },
  });
  await page.getByTestId("check-runs").getByRole("button", { name: "Run now" }).click();
  await page.waitForURL(/-manual-\d{8}T\d{6}Z$/);
  await expectClosed(page);
  await expect(page.getByTestId("execution-verdict")).toHaveText("ERROR");
  const athena = page.getByTestId("athena-error");
  await expect(athena).toContainText("TABLE_NOT_FOUND");
  await expect(athena).toContainText("no_such_table");
  await expect(page.getByTestId("query-panel")).toContainText("failed queries are free");
  await expect(page.getByText("The query ended FAILED: there is no result set.")).toBeVisible();
  // The failed task is marked in the timeline with the error.
  await expect(page.getByTestId("timeline").locator('[data-state="StartQuery"]')).toContainText("error caught");
});
