-- Partial name search on the executions list: trigrams (a PostgreSQL contrib module, which PGlite loads as an extension).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateIndex
CREATE INDEX "executions_name_trgm_idx" ON "executions" USING GIN ("name" gin_trgm_ops);
