-- DropIndex
DROP INDEX "Article_seed_state_idx";

-- CreateIndex
CREATE INDEX "Article_seed_state_idx" ON "Article"("fileName", "fileSize", "fileMtimeMs", "id");
