-- Slugs are unique regardless of case: dup-x and DUP-x would name two EventBridge rules for one concept.
-- AlterTable
ALTER TABLE "checks" ADD COLUMN     "slug_lower" TEXT;

-- Backfill. Existing slugs that differ only by case keep working: all but the oldest get a suffix that no slug can
-- contain (a hash sign), so the index can be built. Such a check must pick a new slug on its next edit.
UPDATE "checks" AS c
SET "slug_lower" = CASE
  WHEN EXISTS (
    SELECT 1 FROM "checks" AS o
    WHERE lower(o."slug") = lower(c."slug") AND (o."created_at", o."id") < (c."created_at", c."id")
  ) THEN lower(c."slug") || '#' || c."id"
  ELSE lower(c."slug")
END;

ALTER TABLE "checks" ALTER COLUMN "slug_lower" SET NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "checks_slug_lower_key" ON "checks"("slug_lower");
