-- AlterTable
ALTER TABLE "executions" ADD COLUMN     "actor_name" TEXT;
