// The page frame in a phone-wide window: the header keeps to the window's width, so no page scrolls sideways just
// because an admin has more sections than fit; the sections scroll inside the header and every one stays reachable.
import { expect, test } from "@playwright/test";
import { storageStateOf } from "./fixtures";

test.use({ storageState: storageStateOf("admin"), viewport: { width: 390, height: 844 } });

test("a narrow window: the sections scroll inside the header, the page does not scroll sideways", async ({ page }) => {
  await page.goto("/checks");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Checks" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  const widths = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    window: document.documentElement.clientWidth,
  }));
  expect(widths.page).toBeLessThanOrEqual(widths.window);
  const navWidths = await nav.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  expect(navWidths.scroll).toBeGreaterThan(navWidths.client);

  // The checks table keeps readable columns and scrolls sideways inside its frame.
  const trigger = page.getByRole("columnheader", { name: /Trigger/ });
  expect((await trigger.boundingBox())!.width).toBeGreaterThan(150);

  // The last section is reached by scrolling the header's sections, not the page.
  const settings = nav.getByRole("link", { name: "Settings" });
  await settings.scrollIntoViewIfNeeded();
  await settings.click();
  await expect(page).toHaveURL(/\/settings$/);
  await expect(nav.getByRole("link", { name: "Settings" })).toHaveAttribute("aria-current", "page");
});
