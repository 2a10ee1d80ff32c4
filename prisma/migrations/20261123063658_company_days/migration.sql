-- CreateTable
CREATE TABLE "CompanyDay" (
    "companyId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    PRIMARY KEY ("companyId", "day"),
    CONSTRAINT "CompanyDay_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- Counts for the articles already loaded (db:setup keeps them from now on).
INSERT INTO "CompanyDay" ("companyId", "day", "count")
SELECT "companyId", substr(datetime(substr("publishedAt", 1, 19), '+8 hours'), 1, 10), COUNT(*)
FROM "ArticleCompany" GROUP BY 1, 2;
