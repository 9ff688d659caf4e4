-- CreateEnum
CREATE TYPE "FindingStatus" AS ENUM ('OPEN', 'RESOLVED');

-- CreateEnum
CREATE TYPE "FindingChange" AS ENUM ('NEW', 'OPEN', 'RESOLVED');

-- AlterTable
ALTER TABLE "checks" ADD COLUMN     "finding_keys" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "findings" (
    "id" BIGSERIAL NOT NULL,
    "check_id" UUID NOT NULL,
    "key_hash" TEXT NOT NULL,
    "key_values" JSONB NOT NULL,
    "status" "FindingStatus" NOT NULL,
    "first_seen_at" TIMESTAMP(3) NOT NULL,
    "last_seen_at" TIMESTAMP(3) NOT NULL,
    "first_execution_id" BIGINT NOT NULL,
    "last_execution_id" BIGINT NOT NULL,
    "resolved_at" TIMESTAMP(3),
    "resolved_execution_id" BIGINT,
    "occurrence_count" INTEGER NOT NULL,
    "ack_comment" TEXT,
    "ack_by" TEXT,
    "ack_at" TIMESTAMP(3),
    "ack_until" TIMESTAMP(3),

    CONSTRAINT "findings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "finding_occurrences" (
    "finding_id" BIGINT NOT NULL,
    "execution_id" BIGINT NOT NULL,
    "change" "FindingChange" NOT NULL,
    "row_count" INTEGER NOT NULL,

    CONSTRAINT "finding_occurrences_pkey" PRIMARY KEY ("finding_id","execution_id")
);

-- CreateTable
CREATE TABLE "finding_runs" (
    "execution_id" BIGINT NOT NULL,
    "check_id" UUID NOT NULL,
    "start_date" TIMESTAMP(3) NOT NULL,
    "keys" TEXT[],
    "new_count" INTEGER NOT NULL DEFAULT 0,
    "open_count" INTEGER NOT NULL DEFAULT 0,
    "resolved_count" INTEGER NOT NULL DEFAULT 0,
    "row_count" INTEGER NOT NULL DEFAULT 0,
    "duplicate_rows" INTEGER NOT NULL DEFAULT 0,
    "note" TEXT,
    "processed_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "finding_runs_pkey" PRIMARY KEY ("execution_id")
);

-- CreateIndex
CREATE INDEX "findings_check_id_status_last_seen_at_idx" ON "findings"("check_id", "status", "last_seen_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "findings_check_id_key_hash_key" ON "findings"("check_id", "key_hash");

-- CreateIndex
CREATE INDEX "finding_occurrences_execution_id_idx" ON "finding_occurrences"("execution_id");

-- CreateIndex
CREATE INDEX "finding_runs_check_id_start_date_idx" ON "finding_runs"("check_id", "start_date" DESC);
