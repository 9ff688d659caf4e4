// Result snapshots and the evidence export end to end: a run's rows are kept by the console, still shown after
// Athena's output is deleted from the emulator; the export page downloads a zip whose manifest hashes every file.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import yauzl from "yauzl";
import { createCheck, storageStateOf, uniqueName } from "./fixtures";

const EMULATOR = `http://127.0.0.1:${process.env.E2E_EMULATOR_PORT ?? 4600}`;

async function unzip(buf: Buffer): Promise<Map<string, Buffer>> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(buf, { lazyEntries: true }, (err, z) => (err ? reject(err) : resolve(z!))),
  );
  const files = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    zip.on("entry", (entry: yauzl.Entry) =>
      zip.openReadStream(entry, (err, stream) => {
        if (err) return reject(err);
        const parts: Buffer[] = [];
        stream!.on("data", (c: Buffer) => parts.push(c));
        stream!.on("end", () => {
          files.set(entry.fileName, Buffer.concat(parts));
          zip.readEntry();
        });
      }),
    );
    zip.on("end", resolve);
    zip.on("error", reject);
    zip.readEntry();
  });
  return files;
}

test.use({ storageState: storageStateOf("operator") });

test("a run's rows outlive Athena's output, and the evidence zip carries them with a manifest", async ({
  page,
}, info) => {
  test.setTimeout(180_000);
  const name = uniqueName("Evidence logins", info);
  const checkId = await createCheck(page, {
    name,
    sql: "SELECT username, host FROM (VALUES ('alice', 'db-1'), ('=cmd()', 'db-2')) AS t(username, host) ORDER BY username",
    trigger: { kind: "schedule", expression: "rate(1 day)" },
  });
  await page.getByTestId("check-runs").getByRole("button", { name: "Run now" }).click();
  await page.waitForURL(/-manual-\d{8}T\d{6}Z$/);
  const executionUrl = page.url();
  await expect(page.getByTestId("execution-status")).toHaveText("Succeeded", { timeout: 45_000 });

  // The copier keeps the rows within a sync interval and a snapshot pass.
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("snapshot-note")).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 60_000, intervals: [2_000] });
  const queryId = (await page
    .getByText(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
    .first()
    .textContent())!;
  const deleted = await page.request.post(`${EMULATOR}/_emulator/athena/delete-result`, {
    data: { queryExecutionId: queryId.trim() },
  });
  expect(await deleted.json()).toMatchObject({ resultDeleted: true });

  await page.goto(executionUrl);
  await expect(page.getByTestId("snapshot-note")).toContainText("2 rows");
  const table = page.getByTestId("result-table");
  await expect(table).toContainText("alice");
  await expect(table).toContainText("=cmd()");
  const csv = await page.request.get(`${executionUrl}/results.csv`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["x-result-source"]).toBe("snapshot");
  expect(await csv.text()).toBe("username,host\r\n'=cmd(),db-2\r\nalice,db-1\r\n");

  // The export page: choose the check, download, open the zip.
  await page.goto("/evidence");
  await page.getByRole("checkbox", { name: new RegExp(name) }).check();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("evidence-download").click()]);
  expect(download.suggestedFilename()).toMatch(/^evidence_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.zip$/);
  const files = await unzip(await readFile((await download.path())!));
  const manifest = JSON.parse(files.get("manifest.json")!.toString("utf8")) as {
    checks: { id: string; folder: string }[];
    files: { path: string; bytes: number; sha256: string }[];
  };
  expect(manifest.checks.map((c) => c.id)).toEqual([checkId]);
  for (const f of manifest.files) {
    expect(createHash("sha256").update(files.get(f.path)!).digest("hex"), f.path).toBe(f.sha256);
  }
  const folder = manifest.checks[0]!.folder;
  const runs = files.get(`${folder}/runs.csv`)!.toString("utf8");
  expect(runs).toContain(executionUrl.split("/").pop()!);
  const snapshot = [...files.keys()].find((p) => p.startsWith(`${folder}/snapshots/`))!;
  expect(files.get(snapshot)!.toString("utf8")).toContain("alice,db-1");
});
