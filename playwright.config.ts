import { defineConfig } from "@playwright/test";

// End-to-end specs in Debian's Chromium (Playwright cannot download browsers here; libraries.md).
// The console runs from the start script on its own ports and a fresh data dir, so a developer's
// `npm start` on the default ports is never touched. E2E_BASE_URL points the suite at a running console instead.
const PORT = Number(process.env.E2E_PORT ?? 3100);
// Parallel clones on one machine each move all three ports (E2E_PORT, E2E_EMULATOR_PORT, E2E_PGLITE_PORT).
const EMULATOR_PORT = Number(process.env.E2E_EMULATOR_PORT ?? 4600);
const PGLITE_PORT = Number(process.env.E2E_PGLITE_PORT ?? 5500);
// The local identity provider the stack signs in against (E2E_IDP_PORT moves it like the others).
const IDP_PORT = Number(process.env.E2E_IDP_PORT ?? 3105);
const external = process.env.E2E_BASE_URL;
const baseURL = external ?? `http://localhost:${PORT}`;

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  // Two workers: every test seeds its own uniquely named checks, and the suite stays well under 3 minutes.
  workers: 2,
  retries: 0,
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : "list",
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      // Without the networking flags Chromium floods the closed network with connection attempts.
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    // Signs in once per demo user through the local identity provider and keeps each browser state.
    { name: "sign-in", testMatch: "auth.setup.ts", use: { browserName: "chromium" } },
    {
      name: "chromium",
      dependencies: ["sign-in"],
      // Specs act as admin unless they pick another user (e2e/fixtures.ts: storageStateOf).
      use: { browserName: "chromium", storageState: "e2e/.auth/admin.json" },
    },
  ],
  webServer: external
    ? undefined
    : {
        // E2E_DEV=1 serves with `next dev` (no build; slower pages): handy while the tree is mid-edit.
        command: `rm -rf .data/e2e-run && PORT=${PORT} EMULATOR_PORT=${EMULATOR_PORT} PGLITE_PORT=${PGLITE_PORT} IDP_PORT=${IDP_PORT} ACC_DATA_DIR=.data/e2e-run exec node_modules/.bin/tsx scripts/start.ts${process.env.E2E_DEV ? " --dev" : ""}`,
        url: `${baseURL}/checks`,
        // start.ts runs `next build` first when the build is missing or stale.
        timeout: 420_000,
        reuseExistingServer: false,
        // start.ts runs its children in their own process groups: SIGTERM lets it stop them (SIGKILL would orphan them).
        gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
        stdout: "pipe",
        stderr: "pipe",
      },
});
