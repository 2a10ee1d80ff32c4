-- Full-text search over Article.title and Article.plainText (see lib/search/DESIGN.md).
-- Prisma's schema cannot express FTS5: this table and its shadow tables are
-- listed under tables.external in prisma.config.ts.
--
-- Contentless (nothing stored twice); rowid = Article.id. The columns hold
-- tokens made in JS by lib/search/tokens.ts: t1/t2 = title unigrams/bigrams,
-- b1/b2 = body unigrams/bigrams. The seed writes them (lib/search/sqlite.ts).
CREATE VIRTUAL TABLE "ArticleSearch" USING fts5(
    t1, t2, b1, b2,
    tokenize = 'ascii',
    content = '',
    contentless_delete = 1
);

-- Buffer up to 32 MB of new index data in memory before writing a segment
-- (default 1 MB): a seed of 100k articles builds 5× faster (lib/search/DESIGN.md).
-- It applies per transaction: index in batches, not one article per transaction.
INSERT INTO "ArticleSearch" ("ArticleSearch", rank) VALUES ('hashsize', 33554432);

-- SQL cannot make the tokens, but it can keep the index from lying: a deleted
-- article leaves the index, an edited title or text drops the stale row until
-- the seed writes the new tokens (lib/search/sqlite.ts finds such articles).
CREATE TRIGGER "ArticleSearch_article_deleted" AFTER DELETE ON "Article"
BEGIN
    DELETE FROM "ArticleSearch" WHERE rowid = old."id";
END;

CREATE TRIGGER "ArticleSearch_article_text_changed" AFTER UPDATE OF "title", "plainText" ON "Article"
WHEN old."title" IS NOT new."title" OR old."plainText" IS NOT new."plainText"
BEGIN
    DELETE FROM "ArticleSearch" WHERE rowid = old."id";
END;
