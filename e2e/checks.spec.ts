// The life of a check: create with each trigger kind, find it in the list, edit, disable/enable, delete.
import { expect, test } from "@playwright/test";
import { CLUSTER_ARN, createCheck, fillEditor, fillNewCheck, uniqueName, storageStateOf } from "./fixtures";

test("create an ECS-task-stopped check, see it listed, edit, disable, enable and delete it", async ({ page }, info) => {
  test.setTimeout(90_000);
  const name = uniqueName("Aurora admin logins", info);
  await fillNewCheck(page, {
    name,
    sql: "SELECT count(*) FROM audit_log WHERE cluster = ? AND username = 'admin' -- a ? in a comment is text",
    parameters: [{ kind: "eventPath", path: "$.detail.overrides.containerOverrides[0].command[0]" }],
    trigger: { kind: "ecs", command: "prod-aurora-cluster", exitCode: "0" },
  });
  // The builder shows the pattern it produces.
  const preview = page.getByTestId("ecs-pattern-preview");
  await expect(preview).toContainText('"source": ["aws.ecs"]');
  await expect(preview).toContainText(`"clusterArn": ["${CLUSTER_ARN}"]`);
  await expect(preview).toContainText('"command": ["prod-aurora-cluster"]');
  await expect(preview).toContainText('"exitCode": [0]');
  await expect(page.getByTestId("placeholder-count")).toHaveText("1");
  // The slug follows the name.
  await expect(page.getByLabel("Slug")).toHaveValue(/^aurora-admin-logins-w\d+-/);
  await page.getByLabel("Expectation").selectOption("firstValue");
  await page.getByLabel("Comparison").selectOption("eq");
  await page.getByLabel("Expected number").fill("0");
  await page.getByRole("button", { name: "Create check" }).click();

  await page.waitForURL(/\/checks\/[0-9a-f-]{36}(\?|$)/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await expect(page.getByTestId("saved-notice")).toContainText("Check created.");
  await expect(
    page
      .getByText(
        "When an ECS task in cluster audit-log-shipper with command prod-aurora-cluster stops with exit code 0",
      )
      .first(),
  ).toBeVisible();
  const checkUrl = page.url().split("?")[0]!;
  // The outcome is shown once: the address loses its ?saved=… so a reload does not repeat it.
  await expect(page).toHaveURL(/\/checks\/[0-9a-f-]{36}$/);

  // Listed, found by search, with the trigger and expectation in words.
  await page.goto(`/checks?q=${encodeURIComponent(name)}`);
  const row = page.getByTestId("check-row").filter({ hasText: name });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(
    "When an ECS task in cluster audit-log-shipper with command prod-aurora-cluster stops with exit code 0",
  );
  await expect(row).toContainText("First value = 0");
  await expect(row).toContainText("Enabled");
  await expect(row).toContainText("never run");

  // Edit: the builder reopens with its fields; change the expectation and the command.
  await row.getByRole("link", { name }).click();
  await page.getByRole("link", { name: "Edit" }).click();
  await expect(page.getByRole("radio", { name: "ECS task stopped" })).toBeChecked();
  await expect(page.getByLabel("Container command")).toHaveValue("prod-aurora-cluster");
  await page.getByLabel("Container command").fill("staging-aurora-cluster");
  await page.getByLabel("Expectation").selectOption("rowCount");
  await page.getByLabel("Comparison").selectOption("le");
  await page.getByLabel("Expected number").fill("5");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByTestId("saved-notice")).toContainText("Changes saved.");
  await expect(page.getByTestId("saved-notice")).toContainText("Changes saved.");
  await expect(page.getByText("Row count ≤ 5")).toBeVisible();
  await expect(page.getByText("with command staging-aurora-cluster stops").first()).toBeVisible();

  // Disable, then enable again.
  await page.getByRole("button", { name: "Disable" }).click();
  await expect(page.getByTestId("saved-notice")).toContainText("Check disabled.");
  await expect(page.getByText("Disabled", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Enable" }).click();
  await expect(page.getByTestId("saved-notice")).toContainText("Check enabled.");
  await expect(page.getByText("Enabled", { exact: true })).toBeVisible();

  // Delete: the dialog wants the name typed.
  await page.goto(checkUrl);
  await page.getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("button", { name: "Delete check" })).toBeDisabled();
  await dialog.getByLabel(/to confirm/).fill("not the name");
  await expect(dialog.getByRole("button", { name: "Delete check" })).toBeDisabled();
  await dialog.getByLabel(/to confirm/).fill(name);
  await dialog.getByRole("button", { name: "Delete check" }).click();
  await page.waitForURL(/\/checks(\?|$)/);
  await expect(page.getByTestId("saved-notice")).toContainText(`Deleted “${name}”.`);
  await page.goto(`/checks?q=${encodeURIComponent(name)}`);
  await expect(page.getByText(`No checks match “${name}”.`)).toBeVisible();
  await page.goto(checkUrl);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
});

test("create a check from a raw event pattern", async ({ page }, info) => {
  const name = uniqueName("EC2 stopped", info);
  const summary =
    "When an “EC2 Instance State-change Notification” event from aws.ec2 arrives where detail.state is one of stopped, terminated";
  await fillNewCheck(page, {
    name,
    trigger: {
      kind: "pattern",
      json: '{"source": ["aws.ec2"], "detail-type": ["EC2 Instance State-change Notification"], "detail": {"state": ["stopped", "terminated"]}}',
    },
  });
  // The editor says what the JSON means while it is valid.
  await expect(page.getByTestId("pattern-summary")).toHaveText(summary);
  await page.getByRole("button", { name: "Create check" }).click();
  await expect(page.getByTestId("saved-notice")).toContainText("Check created.");
  await expect(page.getByText(summary).first()).toBeVisible();
  await page.goto(`/checks?q=${encodeURIComponent(name)}`);
  await expect(page.getByTestId("check-row").filter({ hasText: name })).toContainText(summary);
  // Reopening shows the raw editor (the builder cannot express this pattern).
  await page.getByRole("link", { name }).click();
  await page.getByRole("link", { name: "Edit" }).click();
  await expect(page.getByRole("radio", { name: "Event pattern (JSON)" })).toBeChecked();
  await expect(page.locator("#trigger-pattern .cm-content")).toContainText('"state": ["stopped", "terminated"]');
});

test("create a scheduled check with a live plain-language preview", async ({ page }, info) => {
  const name = uniqueName("DDL per day", info);
  await fillNewCheck(page, { name, trigger: { kind: "schedule", expression: "cron(0 12 * * ? *)" } });
  const preview = page.getByTestId("schedule-preview");
  await expect(preview).toContainText("Every day at 12:00 UTC");
  await expect(preview.locator("li")).toHaveCount(5);
  await expect(preview.locator("li").first()).toContainText(/\d{4}-\d{2}-\d{2} 12:00 UTC/);
  // The preview follows the expression as it is typed.
  await page.getByLabel("Schedule expression").fill("cron(30 9 ? * MON-FRI *)");
  await expect(preview).toContainText("At 09:30 UTC on Monday through Friday");
  await page.getByRole("button", { name: "Every hour" }).click();
  await expect(page.getByLabel("Schedule expression")).toHaveValue("rate(1 hour)");
  await expect(preview).toContainText("Every hour");
  await page.getByLabel("Schedule expression").fill("rate(5 minutes)");
  await expect(preview).toContainText("Every 5 minutes");
  await page.getByRole("button", { name: "Create check" }).click();
  await expect(page.getByTestId("saved-notice")).toContainText("Check created.");
  await expect(page.getByText("Every 5 minutes").first()).toBeVisible();
  await page.goto(`/checks?q=${encodeURIComponent(name)}`);
  await expect(page.getByTestId("check-row").filter({ hasText: name })).toContainText("Every 5 minutes");
});

test("the list sorts by column and keeps search and sort in the URL", async ({ page }, info) => {
  test.setTimeout(90_000);
  const tag = uniqueName("Sorting", info);
  await createCheck(page, { name: `${tag} b`, trigger: { kind: "schedule", expression: "rate(1 day)" } });
  await createCheck(page, { name: `${tag} a`, trigger: { kind: "schedule", expression: "rate(1 hour)" } });
  await page.goto("/checks");
  await page.getByRole("searchbox", { name: "Search checks" }).fill(tag);
  await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(tag).replace(/%20/g, "(\\+|%20)")}`));
  const rows = page.getByTestId("check-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText(`${tag} a`);
  await page.getByRole("link", { name: "Name" }).click();
  await expect(page).toHaveURL(/sort=name&dir=desc/);
  await expect(rows.first()).toContainText(`${tag} b`);
  await page.reload();
  await expect(rows.first()).toContainText(`${tag} b`);
  await expect(page.getByRole("searchbox", { name: "Search checks" })).toHaveValue(tag);
});

test("a long list shows a page at a time; size, search and sort start again from the first page", async ({
  page,
}, info) => {
  test.setTimeout(120_000);
  const tag = uniqueName("Paging", info);
  const slug = tag.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  // 53 checks in one apply (disabled: their schedules would only add runs), found again by their common name.
  const documents = Array.from(
    { length: 53 },
    (_, i) => `apiVersion: audit-checks/v1
kind: AuditCheck
metadata:
  slug: ${slug}-${String(i + 1).padStart(2, "0")}
  name: ${tag} ${String(i + 1).padStart(2, "0")}
spec:
  sql: SELECT 1
  catalog: AwsDataCatalog
  database: auditlogs
  workgroup: primary
  outputLocation: s3://audit-checks-results/
  enabled: false
  trigger:
    kind: schedule
    expression: rate(1 day)
  expectation:
    kind: noRows
`,
  );
  await page.goto("/checks/import");
  await page.getByRole("textbox", { name: "YAML", exact: true }).fill(documents.join("---\n"));
  await page.getByRole("textbox", { name: "Source path" }).fill(`teams/${slug}.yaml`);
  await page.getByRole("button", { name: "Plan" }).click();
  await expect(page.getByTestId("import-summary")).toContainText("53 to create");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText("Applied 53 changes.")).toBeVisible({ timeout: 60_000 });

  await page.goto(`/checks?q=${encodeURIComponent(tag)}`);
  const rows = page.getByTestId("check-row");
  const pages = page.getByRole("navigation", { name: "Pages" });
  await expect(rows).toHaveCount(25);
  await expect(page.getByText(/^1–25 of 53 matching \([\d,]+ checks\)$/)).toBeVisible();
  await expect(pages).toContainText("Page 1 of 3");
  await expect(pages.getByText("← Previous")).toHaveAttribute("aria-disabled", "true");
  await pages.getByRole("link", { name: "Next →" }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(rows.first()).toContainText(`${tag} 26`);

  // A larger page starts from the first page; the last page has the rest.
  await pages.getByLabel("Per page").selectOption("50");
  await expect(page).toHaveURL(/size=50/);
  await expect(page).not.toHaveURL(/page=/);
  await expect(rows).toHaveCount(50);
  await pages.getByRole("link", { name: "Next →" }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(rows).toHaveCount(3);
  await expect(rows.first()).toContainText(`${tag} 51`);
  await expect(page.getByText(/^51–53 of 53 matching/)).toBeVisible();
  await expect(pages.getByText("Next →")).toHaveAttribute("aria-disabled", "true");

  // Sorting shows the first page of the new order and keeps the size; so does a new search.
  await page.getByRole("link", { name: "Name" }).click();
  await expect(page).toHaveURL(/sort=name&dir=desc&size=50$/);
  await expect(rows).toHaveCount(50);
  await expect(rows.first()).toContainText(`${tag} 53`);
  await pages.getByRole("link", { name: "Next →" }).click();
  await expect(rows.first()).toContainText(`${tag} 03`);
  await page.getByRole("searchbox", { name: "Search checks" }).fill(`${tag} 5`);
  await expect(page).not.toHaveURL(/page=/);
  await expect(rows).toHaveCount(4);
  await expect(pages).toHaveCount(0);

  // A page past the end shows the last one rather than nothing.
  await page.goto(`/checks?q=${encodeURIComponent(tag)}&page=9`);
  await expect(rows).toHaveCount(3);
  await expect(pages).toContainText("Page 3 of 3");
});

test("links prefetch when pointed at, not every link that scrolls into view", async ({ page }) => {
  // Each prefetch is a server render; a list of 50 rows sent 48 of them on every view.
  const prefetched: string[] = [];
  page.on("request", (r) => {
    if (r.headers()["next-router-prefetch"]) prefetched.push(new URL(r.url()).pathname);
  });
  await page.goto("/checks");
  await page.waitForLoadState("networkidle");
  await page.mouse.wheel(0, 2000);
  await page.waitForTimeout(1500);
  expect(prefetched).toEqual([]);

  const link = page.getByTestId("check-row").first().getByRole("link").first();
  const href = await link.getAttribute("href");
  await link.hover();
  await expect.poll(() => prefetched).toContain(href);
});

test("a concurrent edit is refused and the second operator's input is kept", async ({ browser, page }, info) => {
  test.setTimeout(90_000);
  const name = uniqueName("Concurrent", info);
  const id = await createCheck(page, { name });
  // The second operator signs in as the demo operator.
  const other = await (await browser.newContext({ storageState: storageStateOf("operator") })).newPage();
  await page.goto(`/checks/${id}/edit`);
  await other.goto(`/checks/${id}/edit`);
  await expect(other.locator("#sql .cm-content")).toBeVisible();

  await page.getByLabel("Description").fill("First operator's change");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByTestId("saved-notice")).toContainText("Changes saved.");

  await other.getByLabel("Description").fill("Second operator's change");
  await fillEditor(other, "sql", "SELECT 42 AS second_operator");
  await other.getByRole("button", { name: "Save changes" }).click();
  await expect(other.getByRole("alert").filter({ hasText: "Not saved" })).toContainText(
    "Someone else saved this check while you were editing (version 2). Your changes are kept below; reload to see theirs.",
  );
  await expect(other).toHaveURL(new RegExp(`/checks/${id}/edit$`));
  await expect(other.getByLabel("Description")).toHaveValue("Second operator's change");
  await expect(other.locator("#sql .cm-content")).toHaveText("SELECT 42 AS second_operator");

  await page.goto(`/checks/${id}`);
  // The check page shows the description, and its history shows the same change as a diff.
  await expect(page.getByText("First operator's change").first()).toBeVisible();
  await other.context().close();
});
