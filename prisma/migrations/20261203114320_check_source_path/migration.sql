-- AlterTable
ALTER TABLE "checks" ADD COLUMN     "source_path" TEXT;
