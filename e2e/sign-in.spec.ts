// Sign-in, roles and the audit trail from a browser: each demo user through the local identity provider, what a
// viewer sees and may do, an operator's limits, session expiry, sign-out.
import { expect, test } from "@playwright/test";
import { createCheck, signInAs, storageStateOf, uniqueName } from "./fixtures";

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  for (const user of ["admin", "operator", "viewer"] as const) {
    test(`signs in as ${user} and returns to the page asked for`, async ({ page }) => {
      await signInAs(page, user, "/executions?status=RUNNING");
      await expect(page).toHaveURL(/\/executions\?status=RUNNING$/);
      await page.goto("/account");
      await expect(page.locator('[data-field="Name"]')).toHaveText(`Demo ${user}`);
      await expect(page.locator('[data-field="Email"]')).toHaveText(`${user}@example.com`);
      await expect(page.locator('[data-field="Groups"]')).toHaveText(user);
      await expect(page.locator('[data-field="Role"]')).toHaveText(user);
    });
  }

  test("a replayed sign-in answer is refused with a readable page", async ({ page }) => {
    await page.goto("/signin?returnTo=/checks");
    await page.getByRole("link", { name: "Continue to sign-in" }).click();
    let callback = "";
    page.on("request", (r) => {
      if (r.url().includes("/auth/callback")) callback = r.url();
    });
    await page.getByRole("button", { name: "Sign in as viewer" }).click();
    await page.waitForURL(/\/checks$/);
    await page.goto(callback);
    await expect(page).toHaveURL(/\/signin\?error=stale/);
    await expect(page.getByText("That sign-in link was already used or has expired.")).toBeVisible();
  });

  test("route handlers answer 401 without a session", async ({ request }) => {
    const r = await request.post("/executions/live");
    expect(r.status()).toBe(401);
  });
});

test.describe("viewer", () => {
  test.use({ storageState: storageStateOf("viewer") });

  test("sees checks but no edit controls, and a forged operator action is refused and audited", async ({
    page,
    browser,
  }, info) => {
    // Two signed-in users and a dozen page loads: a story, with a story's time budget.
    test.setTimeout(90_000);
    // An admin creates the check the viewer then looks at.
    const admin = await browser.newContext({ storageState: storageStateOf("admin") });
    const adminPage = await admin.newPage();
    const name = uniqueName("Viewer sees", info);
    const id = await createCheck(adminPage, { name });

    // Found by its name: other tests' checks can put it past the list's first page.
    await page.goto(`/checks?q=${encodeURIComponent(name)}`);
    await expect(page.getByRole("link", { name })).toBeVisible();
    await expect(page.getByRole("link", { name: "New check" })).toHaveCount(0);
    await page.goto(`/checks/${id}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
    for (const control of ["Edit", "Disable", "Delete", "Run now"]) {
      await expect(page.getByRole("button", { name: control, exact: true })).toHaveCount(0);
      await expect(page.getByRole("link", { name: control, exact: true })).toHaveCount(0);
    }
    // The edit page itself is refused on the server.
    await page.goto(`/checks/${id}/edit`);
    await expect(page).toHaveURL(/\/forbidden\?/);
    await expect(page.getByText("this needs the operator role")).toBeVisible();

    // Replay the admin's disable action as the viewer: a direct POST of the server action.
    let actionId = "";
    adminPage.on("request", (r) => {
      const h = r.headers()["next-action"];
      if (h) actionId = h;
    });
    await adminPage.goto(`/checks/${id}`);
    await adminPage.getByRole("button", { name: "Disable" }).click();
    await expect(adminPage.getByRole("button", { name: "Enable" })).toBeVisible();
    expect(actionId).not.toBe("");
    const version = 2;
    const forged = await page.request.post(`/checks/${id}`, {
      headers: { "next-action": actionId, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component" },
      data: JSON.stringify([{ id, expectedVersion: version, enabled: true }]),
    });
    expect(await forged.text()).toContain("this needs the operator role");
    await adminPage.goto(`/checks/${id}`);
    await expect(adminPage.getByRole("button", { name: "Enable" })).toBeVisible(); // still disabled

    await adminPage.goto(`/audit?check=${id}&action=check.setEnabled`);
    const refused = adminPage.getByRole("row").filter({ hasText: "refused" });
    await expect(refused).toHaveCount(1);
    await expect(refused).toContainText("Demo viewer");
    await admin.close();
  });
});

test.describe("operator", () => {
  test.use({ storageState: storageStateOf("operator") });

  test("edits and disables but cannot delete", async ({ page }, info) => {
    const name = uniqueName("Operator limits", info);
    const id = await createCheck(page, { name });
    await expect(page.getByRole("button", { name: "Disable" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Edit" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Delete", exact: true })).toHaveCount(0);
    await page.goto(`/audit?check=${id}`);
    await expect(page.getByRole("row").filter({ hasText: "check.create" })).toContainText("Demo operator");
  });
});

test.describe("sessions", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("an ended session sends the user to sign-in and back to the page they wanted", async ({ page, context }) => {
    await signInAs(page, "operator", "/checks");
    // Expire the session server-side by replacing the cookie with one the database does not know (as a revoked
    // or timed-out session looks), then ask for a page.
    const [cookie] = (await context.cookies()).filter((c) => c.name === "acc_session");
    expect(cookie).toBeTruthy();
    await context.addCookies([{ ...cookie!, value: "expired-or-revoked" }]);
    await page.goto("/executions?verdict=FAIL");
    await expect(page).toHaveURL(/\/signin\?.*reason=ended/);
    await expect(page.getByText("Your session has ended")).toBeVisible();
    // The provider still has this browser signed in: it answers without showing its buttons again.
    await page.getByRole("link", { name: "Continue to sign-in" }).click();
    await expect(page).toHaveURL(/\/executions\?verdict=FAIL$/);
  });

  test("sign-out ends the session here and at the provider", async ({ page, context }) => {
    await signInAs(page, "viewer", "/checks");
    const before = (await context.cookies()).find((c) => c.name === "acc_session")!.value;
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/signin\?signedOut=1/);
    await expect(page.getByText("You are signed out.")).toBeVisible();
    // The old cookie opens nothing any more.
    await context.addCookies([{ name: "acc_session", value: before, url: page.url() }]);
    await page.goto("/checks");
    await expect(page).toHaveURL(/\/signin\?/);
  });
});
