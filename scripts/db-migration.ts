// `npm run db:migration -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql with the SQL that
// takes the schema built by the existing migrations to the current prisma/schema.prisma.
import path from "node:path";
import { diffMigrationsToSchema } from "@/lib/db/migrations/migrate";
import { writeMigration } from "@/lib/db/migrations/migrations-folder";
import { generatePrismaClient } from "./prisma-generate";

async function main(): Promise<void> {
  const name = process.argv
    .slice(2)
    .filter((arg) => arg !== "--")
    .join("_");
  if (!name) {
    console.error("Usage: npm run db:migration -- <name>   (e.g. npm run db:migration -- add_check_owner)");
    process.exit(2);
  }
  const sql = await diffMigrationsToSchema();
  if (!sql) {
    console.log("prisma/schema.prisma already matches the migrations: nothing to write.");
    return;
  }
  const folder = await writeMigration(name, sql);
  console.log(`Wrote ${path.relative(process.cwd(), path.join(folder, "migration.sql"))}:\n\n${sql}`);
  // Like `prisma migrate dev`: the client follows the schema, so code using the change typechecks right away.
  if (generatePrismaClient() !== 0) console.error("prisma generate failed: run `npm run db:generate` after fixing it.");
  console.log("Review it, then apply it with `npm run db:migrate` (npm start applies it too).");
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
