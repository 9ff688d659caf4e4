-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "TriggerKind" AS ENUM ('EVENT_PATTERN', 'SCHEDULE');

-- CreateEnum
CREATE TYPE "SyncStatus" AS ENUM ('PENDING', 'SYNCED', 'DRIFTED', 'ERROR');

-- CreateEnum
CREATE TYPE "ExecutionStatus" AS ENUM ('RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE');

-- CreateEnum
CREATE TYPE "ExecutionTrigger" AS ENUM ('EVENT', 'SCHEDULE', 'MANUAL', 'RERUN');

-- CreateEnum
CREATE TYPE "Verdict" AS ENUM ('PASS', 'FAIL', 'ERROR');

-- CreateTable
CREATE TABLE "checks" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "sql" TEXT NOT NULL,
    "catalog" TEXT NOT NULL DEFAULT 'AwsDataCatalog',
    "database" TEXT NOT NULL,
    "workgroup" TEXT NOT NULL,
    "output_location" TEXT NOT NULL,
    "parameters" JSONB NOT NULL DEFAULT '[]',
    "trigger_kind" "TriggerKind" NOT NULL,
    "event_pattern" JSONB,
    "schedule_expression" TEXT,
    "expectation" JSONB NOT NULL DEFAULT '{"kind":"none"}',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "generation" INTEGER NOT NULL DEFAULT 1,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "created_by" TEXT NOT NULL,
    "updated_by" TEXT NOT NULL,
    "sync_status" "SyncStatus" NOT NULL DEFAULT 'PENDING',
    "sync_message" TEXT,
    "sync_error_terminal" BOOLEAN NOT NULL DEFAULT false,
    "observed_generation" INTEGER,
    "last_reconciled_at" TIMESTAMP(3),

    CONSTRAINT "checks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "executions" (
    "id" BIGSERIAL NOT NULL,
    "execution_arn" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "state_machine_arn" TEXT NOT NULL,
    "status" "ExecutionStatus" NOT NULL,
    "start_date" TIMESTAMP(3) NOT NULL,
    "stop_date" TIMESTAMP(3),
    "check_id" UUID,
    "check_slug" TEXT,
    "check_generation" INTEGER,
    "trigger_kind" "ExecutionTrigger",
    "rerun_of" TEXT,
    "input" JSONB,
    "output" JSONB,
    "verdict" "Verdict",
    "first_value" TEXT,
    "preview_row_count" INTEGER,
    "query_execution_id" TEXT,
    "query_state" TEXT,
    "query_state_reason" TEXT,
    "statistics" JSONB,
    "data_scanned_bytes" BIGINT,
    "engine_time_ms" INTEGER,
    "queue_time_ms" INTEGER,
    "error" TEXT,
    "cause" TEXT,
    "synced_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "executions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "execution_sync_state" (
    "state_machine_arn" TEXT NOT NULL,
    "last_started_at" TIMESTAMP(3),
    "last_finished_at" TIMESTAMP(3),
    "last_error" TEXT,
    "last_stats" JSONB,

    CONSTRAINT "execution_sync_state_pkey" PRIMARY KEY ("state_machine_arn")
);

-- CreateIndex
CREATE UNIQUE INDEX "checks_name_key" ON "checks"("name");

-- CreateIndex
CREATE UNIQUE INDEX "checks_slug_key" ON "checks"("slug");

-- CreateIndex
CREATE INDEX "executions_start_date_id_idx" ON "executions"("start_date" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "executions_check_id_start_date_id_idx" ON "executions"("check_id", "start_date" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "executions_status_start_date_id_idx" ON "executions"("status", "start_date" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "executions_verdict_start_date_id_idx" ON "executions"("verdict", "start_date" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "executions_trigger_kind_start_date_id_idx" ON "executions"("trigger_kind", "start_date" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "executions_name_idx" ON "executions"("name");

-- CreateIndex
CREATE UNIQUE INDEX "executions_execution_arn_start_date_key" ON "executions"("execution_arn", "start_date");
