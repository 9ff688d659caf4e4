// `npm run db:check`: exits 1 when prisma/schema.prisma has changes no migration creates (CI runs the same check
// as lib/db/migrations/schema-in-sync.int.test.ts).
import { diffMigrationsToSchema } from "@/lib/db/migrations/migrate";

diffMigrationsToSchema()
  .then((sql) => {
    if (!sql) {
      console.log("prisma/schema.prisma and prisma/migrations agree.");
      return;
    }
    console.error(
      `prisma/schema.prisma has changes no migration creates. Run \`npm run db:migration -- <name>\`.\n\n${sql}`,
    );
    process.exit(1);
  })
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
