-- Incremental seed: a file whose size and mtime are unchanged is skipped
-- without being read; the parser key says when every file must be parsed again.
ALTER TABLE "Article" ADD COLUMN "fileSize" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Article" ADD COLUMN "fileMtimeMs" REAL NOT NULL DEFAULT 0;
ALTER TABLE "ContentVersion" ADD COLUMN "parserKey" TEXT NOT NULL DEFAULT '';

-- Sources count their articles like companies do, so the filter bar reads a
-- short table instead of counting the whole Article table per render.
ALTER TABLE "Source" ADD COLUMN "articleCount" INTEGER NOT NULL DEFAULT 0;
