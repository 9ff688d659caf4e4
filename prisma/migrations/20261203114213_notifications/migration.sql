-- CreateEnum
CREATE TYPE "NotificationKind" AS ENUM ('SLACK', 'WEBHOOK', 'SNS');

-- CreateEnum
CREATE TYPE "NotificationMode" AS ENUM ('EVERY', 'CHANGE');

-- CreateTable
CREATE TABLE "notification_destinations" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "name_lower" TEXT NOT NULL,
    "kind" "NotificationKind" NOT NULL,
    "url_encrypted" TEXT,
    "url_masked" TEXT,
    "topic_arn" TEXT,
    "secret_header_name" TEXT,
    "secret_header_encrypted" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "created_by" TEXT NOT NULL,
    "updated_by" TEXT NOT NULL,

    CONSTRAINT "notification_destinations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "check_notifications" (
    "id" UUID NOT NULL,
    "check_id" UUID NOT NULL,
    "destination_id" UUID NOT NULL,
    "verdicts" "Verdict"[],
    "mode" "NotificationMode" NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by" TEXT NOT NULL,

    CONSTRAINT "check_notifications_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "notification_destinations_name_lower_key" ON "notification_destinations"("name_lower");

-- CreateIndex
CREATE INDEX "check_notifications_destination_id_idx" ON "check_notifications"("destination_id");

-- CreateIndex
CREATE UNIQUE INDEX "check_notifications_check_id_destination_id_key" ON "check_notifications"("check_id", "destination_id");

-- AddForeignKey
ALTER TABLE "check_notifications" ADD CONSTRAINT "check_notifications_check_id_fkey" FOREIGN KEY ("check_id") REFERENCES "checks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "check_notifications" ADD CONSTRAINT "check_notifications_destination_id_fkey" FOREIGN KEY ("destination_id") REFERENCES "notification_destinations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
