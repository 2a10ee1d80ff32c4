-- Company.aliases becomes a Prisma Json column (JSONB affinity; the seed writes JSON text).
-- Prisma writes the default as `DEFAULT []`, which SQLite reads as an empty identifier
-- and stores as an empty string; written here as the JSON text it should be.
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Company" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "fullName" TEXT,
    "aliases" JSONB NOT NULL DEFAULT '[]',
    "inDirectory" BOOLEAN NOT NULL DEFAULT true,
    "articleCount" INTEGER NOT NULL DEFAULT 0
);
INSERT INTO "new_Company" ("aliases", "articleCount", "fullName", "id", "inDirectory", "name") SELECT "aliases", "articleCount", "fullName", "id", "inDirectory", "name" FROM "Company";
DROP TABLE "Company";
ALTER TABLE "new_Company" RENAME TO "Company";
CREATE INDEX "Company_articleCount_idx" ON "Company"("articleCount");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
