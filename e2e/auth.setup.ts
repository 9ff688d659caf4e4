// Signs in as each demo user through the local identity provider (the same redirects as production) and saves
// each browser state for the specs.
import { test as setup } from "@playwright/test";
import { DEMO_USERS, signInAs, storageStateOf } from "./fixtures";

for (const user of DEMO_USERS) {
  setup(`sign in as ${user}`, async ({ page }) => {
    await signInAs(page, user, "/checks");
    await page.context().storageState({ path: storageStateOf(user) });
  });
}
