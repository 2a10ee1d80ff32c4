-- CreateTable
CREATE TABLE "CompanyDay" (
    "companyId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "CompanyDay_pkey" PRIMARY KEY ("companyId","day")
);

-- AddForeignKey
ALTER TABLE "CompanyDay" ADD CONSTRAINT "CompanyDay_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Counts for the articles already loaded (db:setup keeps them from now on).
INSERT INTO "CompanyDay" ("companyId", "day", "count")
SELECT "companyId", to_char("publishedAt" + interval '8 hours', 'YYYY-MM-DD'), COUNT(*)
FROM "ArticleCompany" GROUP BY 1, 2;
