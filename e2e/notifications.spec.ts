// Notifications end to end: an administrator creates a Slack destination pointing at the emulator's webhook
// receiver, an operator's permission is enough to attach it to a check, Send test goes through EventBridge and the
// API destination, and the page shows the message the receiver got.
import { expect, test } from "@playwright/test";
import { createCheck, uniqueName } from "./fixtures";

const EMULATOR_PORT = Number(process.env.E2E_EMULATOR_PORT ?? 4600);

test("create a destination, attach it to a check, Send test, see the message", async ({ page }, info) => {
  test.skip(!!process.env.E2E_BASE_URL, "needs the emulator's receiver on E2E_EMULATOR_PORT");
  test.setTimeout(120_000);
  const name = `e2e-${info.workerIndex}-${Date.now().toString(36)}`;

  await page.goto("/notifications");
  const form = page.getByRole("form", { name: "New destination" });
  // Bad input is refused beside the field.
  await form.getByLabel("Name").fill("bad name!");
  await form.getByLabel("Webhook URL (secret)").fill("ftp://example.com/x");
  await form.getByRole("button", { name: "Create destination" }).click();
  await expect(form.getByText("Letters, digits, - and _ only")).toBeVisible();
  await expect(form.getByText(/Use an https:\/\//)).toBeVisible();

  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Webhook URL (secret)").fill(`http://127.0.0.1:${EMULATOR_PORT}/_emulator/webhooks/${name}`);
  await form.getByRole("button", { name: "Create destination" }).click();
  await expect(form.getByText(`Saved “${name}”.`)).toBeVisible({ timeout: 30_000 });
  const row = page.getByTestId(`destination-${name}`);
  await expect(row).toBeVisible();
  // The secret URL is shown masked, never in full.
  await expect(row).toContainText(`http://127.0.0.1:${EMULATOR_PORT}/••••••`);
  await expect(page.getByText(`/_emulator/webhooks/${name}`, { exact: false }).first()).toBeVisible();

  // Attach it to a new check with the defaults (FAIL and ERROR, only when the verdict changes).
  const checkName = uniqueName("Notified", info);
  await createCheck(page, { name: checkName });
  const panel = page.getByRole("region", { name: "Notifications" });
  await panel.getByRole("button", { name: "Edit notifications" }).click();
  await panel.getByRole("button", { name: "Add destination" }).click();
  await panel.getByLabel("Destination of notification 1").selectOption({ label: `${name} (slack)` });
  await expect(panel.getByLabel("FAIL")).toBeChecked();
  await expect(panel.getByLabel("ERROR")).toBeChecked();
  await expect(panel.getByLabel("PASS")).not.toBeChecked();
  await panel.getByRole("button", { name: "Save notifications" }).click();
  await expect(panel.getByText(/^Saved\./)).toBeVisible({ timeout: 30_000 });
  await expect(panel.getByRole("cell", { name, exact: true })).toBeVisible();
  await expect(panel.getByText("when the verdict changes")).toBeVisible();

  // Send test: through EventBridge to the receiver, and the page shows what it got.
  await page.goto("/notifications");
  await page.getByRole("button", { name: `Send test to ${name}` }).click();
  await expect(page.getByTestId(`destination-${name}`).getByText(/^Delivered/)).toBeVisible({ timeout: 30_000 });
  const receivedCard = page.getByTestId(`received-${name}`);
  await expect(receivedCard).toContainText("1 received");
  await expect(receivedCard).toContainText("Test notification");
  await expect(receivedCard).toContainText(`${name} receives audit check notifications.`);
});
