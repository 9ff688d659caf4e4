// Every validation error appears beside its field, and a refused save keeps what was typed.
import { expect, test, type Page } from "@playwright/test";
import { createCheck, fillEditor, fillNewCheck, uniqueName } from "./fixtures";

async function save(page: Page) {
  await page.getByRole("button", { name: "Create check" }).click();
}

async function expectFieldError(page: Page, fieldId: string, message: string | RegExp) {
  await expect(page.locator(`#${fieldId}-error`)).toContainText(message);
  // Nothing was saved: still on the form.
  await expect(page).toHaveURL(/\/checks\/new$/);
}

test.describe("the form refuses invalid checks, beside the field", () => {
  test("empty SQL", async ({ page }, info) => {
    await fillNewCheck(page, { name: uniqueName("Empty SQL", info) });
    await fillEditor(page, "sql", "");
    await save(page);
    await expectFieldError(page, "sql", "Enter the SQL query the check runs.");
  });

  test("placeholder count differs from the parameters", async ({ page }, info) => {
    await fillNewCheck(page, {
      name: uniqueName("Placeholders", info),
      sql: "SELECT * FROM audit_log WHERE cluster = ? AND user = ? AND note = '?'",
      parameters: [{ kind: "literal", value: "'prod'" }],
    });
    await expect(page.getByTestId("placeholder-count")).toHaveText("2");
    await save(page);
    await expectFieldError(
      page,
      "sql",
      "The query has 2 ? placeholders (outside quotes and comments) but the check has 1 parameter; they must match.",
    );
    await expect(page.locator("#parameters-error")).toContainText("they must match");
    // Adding the missing parameter clears it.
    await page.getByRole("button", { name: "Add parameter" }).click();
    await page.getByLabel("Parameter 2 value").fill("'admin'");
    await expect(page.locator("#sql-error")).toHaveCount(0);
  });

  test("a literal parameter that is not an SQL literal", async ({ page }, info) => {
    await fillNewCheck(page, {
      name: uniqueName("Literal", info),
      sql: "SELECT ?",
      parameters: [{ kind: "literal", value: "admin" }],
    });
    await save(page);
    await expect(page.getByTestId("parameter-0")).toContainText("Not an SQL literal");
  });

  test("invalid cron", async ({ page }, info) => {
    await fillNewCheck(page, {
      name: uniqueName("Cron", info),
      trigger: { kind: "schedule", expression: "cron(0 12 * * * *)" },
    });
    await save(page);
    await expectFieldError(page, "trigger-expression", "Put ? in exactly one of day-of-month and day-of-week");
    await page.getByLabel("Schedule expression").fill("cron(0 25 * * ? *)");
    await expect(page.locator("#trigger-expression-error")).toContainText("The hours field “25” is outside 0-23.");
    await page.getByLabel("Schedule expression").fill("cron(0 12 * * ?)");
    await expect(page.locator("#trigger-expression-error")).toContainText("A cron expression has 6 fields");
  });

  test("invalid rate unit", async ({ page }, info) => {
    await fillNewCheck(page, {
      name: uniqueName("Rate", info),
      trigger: { kind: "schedule", expression: "rate(1 hours)" },
    });
    await save(page);
    await expectFieldError(page, "trigger-expression", "Use the singular unit for 1: rate(1 hour).");
    await page.getByLabel("Schedule expression").fill("rate(5 weeks)");
    await expect(page.locator("#trigger-expression-error")).toContainText("“weeks” is not a rate unit");
  });

  test("pattern that is not JSON", async ({ page }, info) => {
    await fillNewCheck(page, {
      name: uniqueName("Bad JSON", info),
      trigger: { kind: "pattern", json: '{"source": ["aws.ecs"],}' },
    });
    await save(page);
    await expectFieldError(page, "trigger-pattern", "The pattern is not valid JSON");
  });

  test("pattern that breaks EventBridge's grammar", async ({ page }, info) => {
    await fillNewCheck(page, {
      name: uniqueName("Grammar", info),
      trigger: { kind: "pattern", json: '{"source": "aws.ecs", "detail": {"user": [{"startsWith": "adm"}]}}' },
    });
    await save(page);
    await expectFieldError(
      page,
      "trigger-pattern",
      'At source: Values in a pattern are lists: write ["aws.ecs"] instead of "aws.ecs".',
    );
    await expect(page.locator("#trigger-pattern-error")).toContainText(
      "At detail.user: Unknown operator “startsWith”.",
    );
  });

  test("pattern over 2,048 characters", async ({ page }, info) => {
    const users = Array.from({ length: 250 }, (_, i) => `"user-${i}"`).join(",");
    await fillNewCheck(page, {
      name: uniqueName("Oversize", info),
      trigger: { kind: "pattern", json: `{"detail": {"user": [${users}]}}` },
    });
    await save(page);
    await expectFieldError(
      page,
      "trigger-pattern",
      /The pattern is [\d,]+ characters; EventBridge allows at most 2,048\./,
    );
  });

  test("bad slug", async ({ page }, info) => {
    await fillNewCheck(page, { name: uniqueName("Slug", info) });
    await page.getByLabel("Slug").fill("has spaces/and slashes");
    await save(page);
    await expectFieldError(page, "slug", "Use only letters A–Z, digits, - and _ in the slug.");
    await page.getByLabel("Slug").fill("x".repeat(53));
    await expect(page.locator("#slug-error")).toContainText("at most 52 fit");
  });

  test("bad output location", async ({ page }, info) => {
    await fillNewCheck(page, { name: uniqueName("Output", info), outputLocation: "my-bucket/results/" });
    await save(page);
    await expectFieldError(page, "outputLocation", "The output location must be an S3 URI starting with s3://");
    await page.getByLabel("Output location").fill("s3://my-bucket/results");
    await expect(page.locator("#outputLocation-error")).toContainText("End the output location with /");
  });

  test("duplicate name, refused by the server, keeps the input", async ({ page }, info) => {
    const name = uniqueName("Duplicate", info);
    await createCheck(page, { name });
    await fillNewCheck(page, { name, sql: "SELECT 'typed by the second operator'" });
    await page.getByLabel("Slug").fill(`${page.url().length}-other-slug-${Date.now()}`);
    await save(page);
    await expectFieldError(page, "name", `A check named “${name}” already exists. Choose another name.`);
    await expect(page.getByRole("alert").filter({ hasText: "Not saved" })).toBeVisible();
    await expect(page.getByLabel("Name", { exact: true })).toHaveValue(name);
    await expect(page.locator("#sql .cm-content")).toHaveText("SELECT 'typed by the second operator'");
  });

  test("duplicate slug, refused by the server", async ({ page }, info) => {
    const name = uniqueName("Slug owner", info);
    await createCheck(page, { name });
    const slug = await page
      .locator("span.font-mono")
      .filter({ hasText: /^slug-owner-/ })
      .first()
      .textContent();
    await fillNewCheck(page, { name: `${name} (copy)` });
    await page.getByLabel("Slug").fill(slug ?? "");
    await save(page);
    await expectFieldError(page, "slug", `The slug “${slug}” is already used by another check.`);
  });

  test("a query too long for the rule target, refused by the server", async ({ page }, info) => {
    const long = `SELECT count(*) FROM audit_log WHERE object NOT IN (${Array.from({ length: 700 }, (_, i) => `'value-${i}'`).join(", ")})`;
    await fillNewCheck(page, { name: uniqueName("Long SQL", info), sql: long });
    await save(page);
    await expectFieldError(
      page,
      "sql",
      /The rule target input for this check would be [\d,]+ characters; EventBridge allows 8,192\./,
    );
  });

  test("ECS builder needs a cluster ARN", async ({ page }, info) => {
    await fillNewCheck(page, { name: uniqueName("ECS", info), trigger: { kind: "ecs", command: "prod" } });
    await page.getByLabel("Cluster ARN").fill("audit-log-shipper");
    await save(page);
    await expectFieldError(page, "ecs-cluster-arn", "That is not an ECS cluster ARN");
  });
});

test.describe("what was typed survives a reload until it is saved", () => {
  test("a reload restores the draft, a save forgets it", async ({ page }, info) => {
    const name = uniqueName("Draft kept", info);
    await fillNewCheck(page, { name, sql: "SELECT count(*) FROM audit_log WHERE operation = 'DRAFT_KEPT'" });
    await expect(page.getByTestId("sql-size")).toContainText("of 256 KiB");
    // The draft is written shortly after typing stops.
    await expect
      .poll(() => page.evaluate(() => window.localStorage.getItem("acc:check-draft:new") ?? ""))
      .toContain("DRAFT_KEPT");
    await page.reload();
    await expect(page.getByText("Unsaved draft restored")).toBeVisible();
    await expect(page.getByLabel("Name", { exact: true })).toHaveValue(name);
    await expect(page.locator("#sql .cm-content")).toContainText("DRAFT_KEPT");
    await page.getByRole("button", { name: "Create check" }).click();
    await expect(page).toHaveURL(/\/checks\/[0-9a-f-]{36}/);
    await page.goto("/checks/new");
    await expect(page.locator("#sql .cm-content")).toBeVisible();
    await expect(page.getByText("Unsaved draft restored")).toHaveCount(0);
  });

  test("a reload right after the last keystroke keeps it", async ({ page }, info) => {
    await fillNewCheck(page, { name: uniqueName("Draft at once", info) });
    await page.getByLabel("Schedule expression").fill("rate(7 hours)");
    await page.reload();
    await expect(page.getByText("Unsaved draft restored")).toBeVisible();
    await expect(page.getByLabel("Schedule expression")).toHaveValue("rate(7 hours)");
  });

  test("discarding a restored draft brings back the empty form", async ({ page }, info) => {
    await fillNewCheck(page, { name: uniqueName("Draft discarded", info) });
    await expect.poll(() => page.evaluate(() => window.localStorage.getItem("acc:check-draft:new"))).not.toBeNull();
    await page.reload();
    await page.getByRole("button", { name: "Discard it and start from the saved check" }).click();
    await expect(page.getByLabel("Name", { exact: true })).toHaveValue("");
    await expect.poll(() => page.evaluate(() => window.localStorage.getItem("acc:check-draft:new"))).toBeNull();
  });
});

test.describe("a save forgets the draft even when it follows the last keystroke at once", () => {
  test("the next new check opens empty", async ({ page }, info) => {
    // createCheck clicks Create right after typing, before the draft's write timer fires; a write that fired after
    // the save cleared the draft used to reopen this check's draft in the next new-check form.
    for (let i = 0; i < 3; i += 1) {
      await createCheck(page, { name: uniqueName(`Saved at once ${i}`, info) });
      expect(await page.evaluate(() => window.localStorage.getItem("acc:check-draft:new"))).toBeNull();
    }
    await page.goto("/checks/new");
    await expect(page.locator("#sql .cm-content")).toBeVisible();
    await expect(page.getByLabel("Name", { exact: true })).toHaveValue("");
    await expect(page.getByText("Unsaved draft restored")).toHaveCount(0);
  });
});
