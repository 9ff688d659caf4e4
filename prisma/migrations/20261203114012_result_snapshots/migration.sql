-- CreateEnum
CREATE TYPE "SnapshotState" AS ENUM ('PENDING', 'COPYING', 'COMPLETE', 'TRUNCATED', 'UNAVAILABLE');

-- AlterTable
ALTER TABLE "checks" ADD COLUMN     "snapshot_policy" JSONB NOT NULL DEFAULT '{}';

-- CreateTable
CREATE TABLE "result_snapshots" (
    "id" BIGSERIAL NOT NULL,
    "execution_id" BIGINT NOT NULL,
    "check_id" UUID,
    "query_execution_id" TEXT NOT NULL,
    "state" "SnapshotState" NOT NULL DEFAULT 'PENDING',
    "columns" JSONB,
    "row_count" INTEGER NOT NULL DEFAULT 0,
    "bytes" BIGINT NOT NULL DEFAULT 0,
    "max_rows" INTEGER NOT NULL,
    "max_bytes" BIGINT NOT NULL,
    "cut_reason" TEXT,
    "next_token" TEXT,
    "started_paging" BOOLEAN NOT NULL DEFAULT false,
    "statement_type" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "not_before" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMP(3),

    CONSTRAINT "result_snapshots_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "result_snapshot_rows" (
    "snapshot_id" BIGINT NOT NULL,
    "row_number" INTEGER NOT NULL,
    "values" JSONB NOT NULL,

    CONSTRAINT "result_snapshot_rows_pkey" PRIMARY KEY ("snapshot_id","row_number")
);

-- CreateIndex
CREATE UNIQUE INDEX "result_snapshots_execution_id_key" ON "result_snapshots"("execution_id");

-- CreateIndex
CREATE INDEX "result_snapshots_state_not_before_idx" ON "result_snapshots"("state", "not_before");

-- CreateIndex
CREATE INDEX "result_snapshots_check_id_created_at_idx" ON "result_snapshots"("check_id", "created_at");

-- AddForeignKey
ALTER TABLE "result_snapshots" ADD CONSTRAINT "result_snapshots_execution_id_fkey" FOREIGN KEY ("execution_id") REFERENCES "executions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "result_snapshot_rows" ADD CONSTRAINT "result_snapshot_rows_snapshot_id_fkey" FOREIGN KEY ("snapshot_id") REFERENCES "result_snapshots"("id") ON DELETE CASCADE ON UPDATE CASCADE;
