// Helpers shared by the specs. Every test creates its own checks under unique names, so specs run in parallel
// and against a database that already holds demo data.
import { expect, type Page, type TestInfo } from "@playwright/test";

export const CLUSTER_ARN = "arn:aws:ecs:us-east-1:123456789012:cluster/audit-log-shipper";

/** A name no other test (or earlier run) uses: "<label> w<worker>-<time36><rand>". */
export function uniqueName(label: string, info: TestInfo): string {
  return `${label} w${info.workerIndex}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** Replaces the text of a CodeMirror editor (the SQL editor or the raw pattern editor). */
export async function fillEditor(page: Page, editorId: "sql" | "trigger-pattern", text: string): Promise<void> {
  const content = page.locator(`#${editorId} .cm-content`);
  await content.click();
  await content.fill(text);
}

export interface NewCheck {
  name: string;
  sql?: string;
  parameters?: ({ kind: "literal"; value: string } | { kind: "eventPath"; path: string })[];
  trigger?:
    | { kind: "ecs"; command: string; exitCode?: string }
    | { kind: "pattern"; json: string }
    | { kind: "schedule"; expression: string };
  outputLocation?: string;
}

/** Fills the new-check form (does not submit). Defaults: a scheduled "no rows" check with one literal parameter-free query. */
export async function fillNewCheck(page: Page, c: NewCheck): Promise<void> {
  await page.goto("/checks/new");
  await expect(page.locator("#sql .cm-content")).toBeVisible();
  await page.getByLabel("Name", { exact: true }).fill(c.name);
  await fillEditor(page, "sql", c.sql ?? "SELECT count(*) FROM audit_log WHERE operation = 'FAILED_CONNECT'");
  for (const [i, p] of (c.parameters ?? []).entries()) {
    await page.getByRole("button", { name: "Add parameter" }).click();
    await page.getByLabel(`Parameter ${i + 1} kind`).selectOption(p.kind);
    if (p.kind === "literal") await page.getByLabel(`Parameter ${i + 1} value`).fill(p.value);
    else await page.getByLabel(`Parameter ${i + 1} event path`).fill(p.path);
  }
  const trigger = c.trigger ?? { kind: "schedule", expression: "rate(1 hour)" };
  if (trigger.kind === "ecs") {
    await page.getByRole("radio", { name: "ECS task stopped" }).check();
    await page.getByLabel("Cluster ARN").fill(CLUSTER_ARN);
    await page.getByLabel("Container command").fill(trigger.command);
    await page.getByLabel("Exit code").fill(trigger.exitCode ?? "0");
  } else if (trigger.kind === "pattern") {
    await page.getByRole("radio", { name: "Event pattern (JSON)" }).check();
    await fillEditor(page, "trigger-pattern", trigger.json);
  } else {
    await page.getByRole("radio", { name: "Schedule" }).check();
    await page.getByLabel("Schedule expression").fill(trigger.expression);
  }
  if (c.outputLocation !== undefined) await page.getByLabel("Output location").fill(c.outputLocation);
}

/** Creates a check through the form and returns its id (the page ends on the check page). */
export async function createCheck(page: Page, c: NewCheck): Promise<string> {
  await fillNewCheck(page, c);
  await page.getByRole("button", { name: "Create check" }).click();
  await page.waitForURL(/\/checks\/[0-9a-f-]{36}(\?|$)/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(c.name);
  const id = /\/checks\/([0-9a-f-]{36})/.exec(page.url())?.[1];
  if (!id) throw new Error(`no check id in ${page.url()}`);
  return id;
}

export const DEMO_USERS = ["admin", "operator", "viewer"] as const;
export type DemoUser = (typeof DEMO_USERS)[number];

/** Where the sign-in setup keeps each demo user's browser state. */
export function storageStateOf(user: DemoUser): string {
  return `e2e/.auth/${user}.json`;
}

/** Signs in through the console's sign-in page and the local provider's button for `user`; ends on `path`. */
export async function signInAs(page: Page, user: DemoUser, path: string): Promise<void> {
  await page.goto(path);
  await page.waitForURL(/\/signin\?/);
  await page.getByRole("link", { name: "Continue to sign-in" }).click();
  await page.getByRole("button", { name: `Sign in as ${user}` }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/signin") && !url.pathname.startsWith("/auth/"));
}
