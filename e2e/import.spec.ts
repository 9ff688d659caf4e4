// Checks as code in the browser: paste YAML on the import page, see the plan, apply it; the check then shows that
// it is managed from code (badge + source path) and its edit form warns that the next apply overwrites an edit.
import { expect, test } from "@playwright/test";
import { storageStateOf, uniqueName } from "./fixtures";

test.use({ storageState: storageStateOf("operator") });

function yaml(slug: string, name: string, schedule: string): string {
  return `apiVersion: audit-checks/v1
kind: AuditCheck
metadata:
  slug: ${slug}
  name: ${name}
spec:
  sql: SELECT count(*) FROM auditlogs.aurora_audit_log
  catalog: AwsDataCatalog
  database: auditlogs
  workgroup: primary
  outputLocation: s3://audit-checks-results/
  trigger:
    kind: schedule
    expression: ${schedule}
  expectation:
    kind: noRows
`;
}

test("import YAML: plan, apply, then the check is shown as managed from code", async ({ page }, info) => {
  test.setTimeout(60_000);
  const name = uniqueName("Imported", info);
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  await page.goto("/checks/import");
  await page.getByLabel("YAML").fill(`${yaml(slug, name, "rate(1 hour)")}  colour: red\n`);
  await page.getByRole("button", { name: "Plan" }).click();
  // Unknown fields are refused with the line and column.
  await expect(page.getByTestId("import-problems")).toContainText(
    /browser-import\.yaml:\d+:\d+: spec: unknown field “colour”/,
  );

  await page.getByLabel("YAML").fill(yaml(slug, name, "rate(1 hour)"));
  await page.getByLabel("Source path").fill("teams/probe.yaml");
  await page.getByRole("button", { name: "Plan" }).click();
  await expect(page.getByTestId("import-summary")).toContainText("1 to create, 0 to change, 0 to delete");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText("Applied 1 change.")).toBeVisible();

  // A second plan with a changed schedule shows the field-level diff.
  await page.getByLabel("YAML").fill(yaml(slug, name, "rate(2 hours)"));
  await page.getByRole("button", { name: "Plan" }).click();
  await expect(page.getByTestId("import-summary")).toContainText("0 to create, 1 to change");
  const item = page.getByTestId("import-plan-item");
  await expect(item).toContainText("− expression: rate(1 hour)");
  await expect(item).toContainText("+ expression: rate(2 hours)");

  await page.goto(`/checks?q=${encodeURIComponent(slug)}`);
  const row = page.getByTestId("check-row").filter({ hasText: name });
  await expect(row.getByTestId("source-badge")).toContainText("From code");
  await row.getByRole("link", { name }).click();
  await expect(page.getByTestId("source-badge")).toContainText("teams/probe.yaml");
  await page.getByRole("link", { name: "Edit" }).click();
  await expect(page.getByText(/managed from code \(teams\/probe\.yaml\).*overwrites it/)).toBeVisible();
});

test("notifications named in the YAML: the plan says, beside the check, that they are not applied", async ({
  page,
}, info) => {
  const name = uniqueName("Notified", info);
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  await page.goto("/checks/import");
  await page
    .getByLabel("YAML")
    .fill(`${yaml(slug, name, "rate(1 hour)")}  notifications:\n    - destination: slack-demo\n`);
  await page.getByRole("button", { name: "Plan" }).click();
  const item = page.getByTestId("import-plan-item").filter({ hasText: slug });
  await expect(item).toContainText("create");
  await expect(item.getByTestId("import-plan-notice")).toHaveText(
    "Notifications to “slack-demo” are not applied from files: attach this destination on the check's page (Notifications), where its verdicts and timing are chosen.",
  );
});
