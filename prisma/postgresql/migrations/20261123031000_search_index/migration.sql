-- Full-text search over Article.title and Article.plainText (lib/search/postgres.ts,
-- lib/search/DESIGN.md). Prisma's schema cannot express it: the table is listed
-- as external in prisma/providers.ts, so diffs do not see it as drift.
--
-- "document" holds the same unigram and bigram tokens the SQLite index uses
-- (lib/search/tokens.ts), written by the seed as a tsvector literal (no
-- parser, no stemming): title tokens weigh A, body tokens D. A GIN index finds
-- the candidates. "text" (normalized title, a newline, normalized body) lets a
-- query of three or more characters check the exact substring, since a
-- tsvector keeps at most 256 positions per token and none past 16,383.
--
-- A deleted article leaves the index by the foreign key. The seed never
-- updates an article's text in place (it deletes and inserts), so no trigger.
-- Write no semicolon inside a statement or comment here: the pg driver
-- adapter that applies migrations offline splits the script at each one.
CREATE TABLE "ArticleSearch" (
    "articleId" INTEGER NOT NULL PRIMARY KEY REFERENCES "Article"("id") ON DELETE CASCADE,
    "document" TSVECTOR NOT NULL,
    "text" TEXT NOT NULL
);

CREATE INDEX "ArticleSearch_document_idx" ON "ArticleSearch" USING GIN ("document");
