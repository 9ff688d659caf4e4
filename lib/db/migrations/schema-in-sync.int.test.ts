// CI guard: prisma/schema.prisma must be fully described by prisma/migrations. Fails when someone changed the
// schema without writing the migration (`npm run db:migration -- <name>`).
import { describe, expect, it } from "vitest";
import { diffMigrationsToSchema } from "./migrate";

describe("prisma/schema.prisma and prisma/migrations", () => {
  it("agree: replaying the migrations yields exactly the schema", async () => {
    const missing = await diffMigrationsToSchema();
    expect(
      missing,
      "schema.prisma has changes no migration creates. Run `npm run db:migration -- <name>` and commit the new folder. Missing SQL:\n" +
        missing,
    ).toBe("");
  });
});
