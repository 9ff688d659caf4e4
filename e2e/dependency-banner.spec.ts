// While AWS does not answer, every page says so; the banner goes when it answers again.
import { expect, test } from "@playwright/test";

const EMULATOR = `http://127.0.0.1:${process.env.E2E_EMULATOR_PORT ?? 4600}`;

// Only the readiness probe calls ListStateMachines, so this fault cannot disturb the other specs running beside it.
const FAULT = { service: "states", operation: "ListStateMachines", kind: "error5xx" };

test.skip(!!process.env.E2E_BASE_URL, "needs the emulator of the stack the suite starts");

test("AWS unreachable shows on the page, and clears when AWS answers again", async ({ page, request }) => {
  const added = await request.post(`${EMULATOR}/_emulator/faults`, { data: FAULT });
  expect(added.ok()).toBe(true);
  const { fault } = (await added.json()) as { fault: { id: string } };
  try {
    await page.goto("/checks");
    const banner = page.getByTestId("dependency-banner");
    await expect(banner).toContainText("AWS unreachable", { timeout: 20_000 });
    await expect(banner).toContainText("Step Functions did not answer");
    // The page itself still works from the database.
    await expect(page.getByRole("heading", { name: "Checks", exact: true })).toBeVisible();
  } finally {
    await request.delete(`${EMULATOR}/_emulator/faults?id=${fault.id}`);
  }
  await page.reload();
  await expect(page.getByRole("heading", { name: "Checks", exact: true })).toBeVisible();
  await expect(page.getByTestId("dependency-banner")).toHaveCount(0);
});
