// Step Functions state machine operations through the real SDK: happy paths, paging, modeled errors,
// definition validation (the original seed definition is refused) and tags.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CreateStateMachineCommand,
  DeleteStateMachineCommand,
  DescribeStateMachineCommand,
  ListStateMachinesCommand,
  ListTagsForResourceCommand,
  SFNClient,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateStateMachineCommand,
  ValidateStateMachineDefinitionCommand,
} from "@aws-sdk/client-sfn";
import { emulatorAdmin, sdkClients, startTestEmulator, type TestEmulator } from "./helpers";

const ROLE = "arn:aws:iam::000000000000:role/StatesRole";
const SEED = fs.readFileSync(path.resolve(__dirname, "../../fixtures/seed/seed-state-machine.asl.json"), "utf8");
const PASS = JSON.stringify({ StartAt: "P", States: { P: { Type: "Pass", End: true } } });

let emulator: TestEmulator;
let sfn: SFNClient;

beforeAll(async () => {
  emulator = await startTestEmulator();
  sfn = sdkClients(emulator.url).sfn;
});
afterAll(async () => {
  await emulator?.close();
});

async function errorOf(p: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  try {
    await p;
  } catch (err) {
    const e = err as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  throw new Error("expected the call to fail");
}

describe("CreateStateMachine / DescribeStateMachine", () => {
  it("creates a STANDARD machine and describes it with epoch-second dates", async () => {
    const before = Date.now();
    const created = await sfn.send(
      new CreateStateMachineCommand({ name: "describe-me", definition: PASS, roleArn: ROLE }),
    );
    expect(created.stateMachineArn).toBe("arn:aws:states:us-east-1:000000000000:stateMachine:describe-me");
    expect(created.creationDate).toBeInstanceOf(Date);
    expect(created.creationDate!.getTime()).toBeGreaterThanOrEqual(before - 1000);

    const d = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: created.stateMachineArn }));
    expect(d).toMatchObject({
      name: "describe-me",
      status: "ACTIVE",
      type: "STANDARD",
      definition: PASS,
      roleArn: ROLE,
      loggingConfiguration: { level: "OFF", includeExecutionData: false },
      tracingConfiguration: { enabled: false },
    });
    expect(d.revisionId).toMatch(/[0-9a-f-]{36}/);
    expect(d.creationDate!.getTime()).toBe(created.creationDate!.getTime());
  });

  it("is idempotent on identical configuration and refuses a conflicting one", async () => {
    const a = await sfn.send(new CreateStateMachineCommand({ name: "idem", definition: PASS, roleArn: ROLE }));
    const b = await sfn.send(new CreateStateMachineCommand({ name: "idem", definition: PASS, roleArn: `${ROLE}2` }));
    expect(b.stateMachineArn).toBe(a.stateMachineArn);
    expect(b.creationDate!.getTime()).toBe(a.creationDate!.getTime());
    const other = JSON.stringify({ StartAt: "Q", States: { Q: { Type: "Succeed" } } });
    const e = await errorOf(
      sfn.send(new CreateStateMachineCommand({ name: "idem", definition: other, roleArn: ROLE })),
    );
    expect(e.name).toBe("StateMachineAlreadyExists");
    expect(e.status).toBe(400);
    const e2 = await errorOf(
      sfn.send(new CreateStateMachineCommand({ name: "idem", definition: PASS, roleArn: ROLE, type: "EXPRESS" })),
    );
    expect(e2.name).toBe("StateMachineAlreadyExists");
  });

  it("applies AWS's name rules", async () => {
    for (const name of ["has space", "a/b", "semi;colon", "x".repeat(81), "brace{", "dollar$", "star*"]) {
      const e = await errorOf(sfn.send(new CreateStateMachineCommand({ name, definition: PASS, roleArn: ROLE })));
      expect([name, e.name]).toEqual([name, name.length > 80 ? "ValidationException" : "InvalidName"]);
    }
    const ok = await sfn.send(new CreateStateMachineCommand({ name: "Ok_name-1.x", definition: PASS, roleArn: ROLE }));
    expect(ok.stateMachineArn).toContain(":stateMachine:Ok_name-1.x");
  });

  it("refuses a bad role ARN with InvalidArn and a missing field with ValidationException", async () => {
    const e = await errorOf(
      sfn.send(new CreateStateMachineCommand({ name: "bad-role", definition: PASS, roleArn: "not-an-arn" })),
    );
    expect(e.name).toBe("InvalidArn");
    const e2 = await errorOf(sfn.send(new CreateStateMachineCommand({ name: "no-def", roleArn: ROLE } as never)));
    expect(e2.name).toBe("ValidationException");
    expect(e2.message).toMatch(/definition/);
  });

  it("refuses the original seed state machine as InvalidDefinition, naming its defects", async () => {
    const e = await errorOf(sfn.send(new CreateStateMachineCommand({ name: "seed", definition: SEED, roleArn: ROLE })));
    expect(e.name).toBe("InvalidDefinition");
    expect(e.message).toContain("MISSING_TRANSITION_TARGET");
    expect(e.message).toContain("Missing 'Next' target: wait");
    expect(e.message).toContain("/States/GetAthenaQueryResults/End");
  });

  it("refuses definitions that are not JSON or not a state machine", async () => {
    for (const definition of [
      "{not json",
      "[]",
      JSON.stringify({ StartAt: "X", States: { Y: { Type: "Pass", End: true } } }),
    ]) {
      const e = await errorOf(sfn.send(new CreateStateMachineCommand({ name: "broken", definition, roleArn: ROLE })));
      expect(e.name).toBe("InvalidDefinition");
    }
  });

  it("answers StateMachineDoesNotExist and InvalidArn", async () => {
    const missing = await errorOf(
      sfn.send(
        new DescribeStateMachineCommand({ stateMachineArn: "arn:aws:states:us-east-1:000000000000:stateMachine:nope" }),
      ),
    );
    expect(missing.name).toBe("StateMachineDoesNotExist");
    const bad = await errorOf(sfn.send(new DescribeStateMachineCommand({ stateMachineArn: "arn:aws:s3:::bucket" })));
    expect(bad.name).toBe("InvalidArn");
    const wrongType = await errorOf(
      sfn.send(
        new DescribeStateMachineCommand({ stateMachineArn: "arn:aws:states:us-east-1:000000000000:execution:m:e" }),
      ),
    );
    expect(wrongType.name).toBe("InvalidArn");
  });
});

describe("ValidateStateMachineDefinition", () => {
  it("returns OK for a valid definition", async () => {
    const r = await sfn.send(new ValidateStateMachineDefinitionCommand({ definition: PASS }));
    expect(r.result).toBe("OK");
    expect(r.diagnostics).toEqual([]);
  });

  it("returns FAIL with located diagnostics for the seed definition", async () => {
    const r = await sfn.send(new ValidateStateMachineDefinitionCommand({ definition: SEED }));
    expect(r.result).toBe("FAIL");
    expect(r.truncated).toBe(false);
    const byLocation = Object.fromEntries(r.diagnostics!.map((d) => [d.location, d]));
    expect(byLocation["/States/AthenaQueryExecution/Next"]).toMatchObject({
      severity: "ERROR",
      code: "MISSING_TRANSITION_TARGET",
    });
    expect(byLocation["/States/GetAthenaQueryResults/End"]).toMatchObject({
      severity: "ERROR",
      code: "SCHEMA_VALIDATION_FAILED",
    });
    for (const d of r.diagnostics!) expect(d.message!.length).toBeGreaterThan(10);
  });

  it("honours maxResults with truncated, and validates its own input", async () => {
    const r = await sfn.send(new ValidateStateMachineDefinitionCommand({ definition: SEED, maxResults: 1 }));
    expect(r.diagnostics).toHaveLength(1);
    expect(r.truncated).toBe(true);
    const e = await errorOf(sfn.send(new ValidateStateMachineDefinitionCommand({ definition: PASS, maxResults: 101 })));
    expect(e.name).toBe("ValidationException");
  });
});

describe("UpdateStateMachine", () => {
  it("updates definition and role, returning updateDate and a new revisionId", async () => {
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({ name: "to-update", definition: PASS, roleArn: ROLE }),
    );
    const before = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn }));
    const next = JSON.stringify({ StartAt: "S", States: { S: { Type: "Succeed" } } });
    const u = await sfn.send(
      new UpdateStateMachineCommand({ stateMachineArn, definition: next, roleArn: `${ROLE}-2` }),
    );
    expect(u.updateDate).toBeInstanceOf(Date);
    expect(u.revisionId).toBeTruthy();
    expect(u.revisionId).not.toBe(before.revisionId);
    const after = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn }));
    expect(after).toMatchObject({ definition: next, roleArn: `${ROLE}-2`, revisionId: u.revisionId });
  });

  it("answers MissingRequiredParameter, InvalidDefinition and StateMachineDoesNotExist", async () => {
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({ name: "update-errors", definition: PASS, roleArn: ROLE }),
    );
    expect((await errorOf(sfn.send(new UpdateStateMachineCommand({ stateMachineArn })))).name).toBe(
      "MissingRequiredParameter",
    );
    expect((await errorOf(sfn.send(new UpdateStateMachineCommand({ stateMachineArn, definition: SEED })))).name).toBe(
      "InvalidDefinition",
    );
    expect((await errorOf(sfn.send(new UpdateStateMachineCommand({ stateMachineArn, roleArn: "x" })))).name).toBe(
      "InvalidArn",
    );
    const missing = stateMachineArn!.replace("update-errors", "gone");
    expect(
      (await errorOf(sfn.send(new UpdateStateMachineCommand({ stateMachineArn: missing, definition: PASS })))).name,
    ).toBe("StateMachineDoesNotExist");
  });
});

describe("ListStateMachines / DeleteStateMachine", () => {
  it("pages through every machine exactly once", async () => {
    for (let i = 0; i < 7; i++) {
      await sfn.send(new CreateStateMachineCommand({ name: `page-${i}`, definition: PASS, roleArn: ROLE }));
    }
    const seen: string[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const page = await sfn.send(new ListStateMachinesCommand({ maxResults: 3, nextToken }));
      expect(page.stateMachines!.length).toBeLessThanOrEqual(3);
      for (const m of page.stateMachines!) {
        expect(m.type).toBe("STANDARD");
        expect(m.creationDate).toBeInstanceOf(Date);
        seen.push(m.name!);
      }
      nextToken = page.nextToken;
      pages++;
    } while (nextToken);
    const all = (await sfn.send(new ListStateMachinesCommand({}))).stateMachines!.map((m) => m.name!);
    expect(seen).toEqual(all);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((n) => n.startsWith("page-"))).toHaveLength(7);
    expect(pages).toBeGreaterThanOrEqual(3);
  });

  it("answers InvalidToken for a garbage token", async () => {
    expect((await errorOf(sfn.send(new ListStateMachinesCommand({ nextToken: "garbage" })))).name).toBe("InvalidToken");
  });

  it("deletes a machine (twice is fine)", async () => {
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({ name: "delete-me", definition: PASS, roleArn: ROLE }),
    );
    await sfn.send(new DeleteStateMachineCommand({ stateMachineArn }));
    await sfn.send(new DeleteStateMachineCommand({ stateMachineArn }));
    expect((await errorOf(sfn.send(new DescribeStateMachineCommand({ stateMachineArn })))).name).toBe(
      "StateMachineDoesNotExist",
    );
    expect((await errorOf(sfn.send(new DeleteStateMachineCommand({ stateMachineArn: "nonsense" })))).name).toBe(
      "InvalidArn",
    );
  });
});

describe("tags", () => {
  it("tags at creation, adds, lists and removes tags", async () => {
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({
        name: "tagged",
        definition: PASS,
        roleArn: ROLE,
        tags: [{ key: "team", value: "audit" }],
      }),
    );
    await sfn.send(
      new TagResourceCommand({
        resourceArn: stateMachineArn,
        tags: [
          { key: "env", value: "dev" },
          { key: "team", value: "sec" },
        ],
      }),
    );
    const listed = await sfn.send(new ListTagsForResourceCommand({ resourceArn: stateMachineArn }));
    expect(listed.tags).toEqual(
      expect.arrayContaining([
        { key: "team", value: "sec" },
        { key: "env", value: "dev" },
      ]),
    );
    expect(listed.tags).toHaveLength(2);
    await sfn.send(new UntagResourceCommand({ resourceArn: stateMachineArn, tagKeys: ["team"] }));
    expect((await sfn.send(new ListTagsForResourceCommand({ resourceArn: stateMachineArn }))).tags).toEqual([
      { key: "env", value: "dev" },
    ]);
  });

  it("answers ResourceNotFound, InvalidArn and TooManyTags", async () => {
    const missing = "arn:aws:states:us-east-1:000000000000:stateMachine:no-such";
    expect((await errorOf(sfn.send(new ListTagsForResourceCommand({ resourceArn: missing })))).name).toBe(
      "ResourceNotFound",
    );
    expect((await errorOf(sfn.send(new TagResourceCommand({ resourceArn: "arn:aws:sqs:x", tags: [] })))).name).toBe(
      "InvalidArn",
    );
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({ name: "many-tags", definition: PASS, roleArn: ROLE }),
    );
    const tags = Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, value: "v" }));
    expect((await errorOf(sfn.send(new TagResourceCommand({ resourceArn: stateMachineArn, tags })))).name).toBe(
      "TooManyTags",
    );
  });
});

describe("reset endpoint", () => {
  it("forgets every state machine", async () => {
    const own = await startTestEmulator();
    try {
      const client = sdkClients(own.url).sfn;
      await client.send(new CreateStateMachineCommand({ name: "before-reset", definition: PASS, roleArn: ROLE }));
      expect((await client.send(new ListStateMachinesCommand({}))).stateMachines).toHaveLength(1);
      await emulatorAdmin(own.url, "POST", "/_emulator/reset");
      expect((await client.send(new ListStateMachinesCommand({}))).stateMachines).toEqual([]);
    } finally {
      await own.close();
    }
  });
});
