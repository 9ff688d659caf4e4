-- CreateTable
CREATE TABLE "query_runs" (
    "id" UUID NOT NULL,
    "query_execution_id" TEXT NOT NULL,
    "sql" TEXT NOT NULL,
    "catalog" TEXT NOT NULL,
    "database" TEXT NOT NULL,
    "workgroup" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "data_scanned_bytes" BIGINT,
    "error" TEXT,
    "started_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMP(3),
    "created_by" TEXT NOT NULL,

    CONSTRAINT "query_runs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "query_runs_query_execution_id_key" ON "query_runs"("query_execution_id");

-- CreateIndex
CREATE INDEX "query_runs_created_by_started_at_idx" ON "query_runs"("created_by", "started_at" DESC);
