import Database from "better-sqlite3";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { parseQuery } from "./query";
import { RANK_LIMIT } from "./sql";
import { sql, type Sql } from "../db/sql";
import {
  indexArticlesStatements,
  OPTIMIZE_INDEX_SQL,
  searchCondition,
  searchCount,
  searchPage,
  searchRank,
  unindexedArticlesSql,
  type IndexableArticle,
} from "./sqlite";

let db: Database.Database;
const ids = (s: Sql) => (db.prepare(s.sql).all(...s.values) as { id: number }[]).map((r) => r.id);
const total = (q: string, filters: Sql[] = []) => {
  const count = searchCount(parseQuery(q), filters);
  return (db.prepare(count.sql).get(...count.values) as { total: number }).total;
};
const matching = (q: string) => ids(sql`SELECT a."id" FROM "Article" a WHERE ${searchCondition(parseQuery(q))} ORDER BY a."id"`);

function addArticle(id: number, title: string, plainText: string, publishedAt: string) {
  db.prepare(
    `INSERT INTO "Article" (id, slug, fileName, contentHash, title, publishedAt, hasTime, sourceId, bodyHtml, plainText, excerpt, wordCount, readingMinutes)
     VALUES (?, ?, ?, '', ?, ?, 1, 1, '', ?, '', 0, 1)`,
  ).run(id, `s${id}`, `f${id}`, title, publishedAt, plainText);
}

beforeEach(() => {
  db = new Database(":memory:");
  const dir = path.resolve(import.meta.dirname, "../../prisma/migrations");
  for (const name of readdirSync(dir).sort()) {
    if (statSync(path.join(dir, name)).isDirectory()) db.exec(readFileSync(path.join(dir, name, "migration.sql"), "utf8"));
  }
  db.prepare(`INSERT INTO "Source" (id, name) VALUES (1, 'test')`).run();
  db.prepare(`INSERT INTO "Company" (id, name) VALUES ('sh600519', '贵州茅台')`).run();
  addArticle(1, "白酒行业周报", "贵州茅台提价，五粮液跟进。", "2022-01-01T00:00:00.000+00:00");
  addArticle(2, "贵州茅台发布年报", "营收增长。", "2022-01-02T00:00:00.000+00:00");
  addArticle(3, "宁德时代扩产", "电池。", "2022-01-03T00:00:00.000+00:00");
  addArticle(4, "茅台镇见闻", "茅台 茅台 茅台", "2022-01-03T00:00:00.000+00:00");
  db.prepare(
    `INSERT INTO "ArticleCompany" (articleId, companyId, via, mentions, rank, publishedAt) VALUES (1, 'sh600519', 'body', 1, 0, '2022-01-01T00:00:00.000+00:00'), (2, 'sh600519', 'title', 1, 0, '2022-01-02T00:00:00.000+00:00')`,
  ).run();
});

const run = (statements: Sql[]) => statements.forEach((s) => db.prepare(s.sql).run(...s.values));
const indexAll = () =>
  run(
    indexArticlesStatements(
      db.prepare(`SELECT id, title, plainText FROM "Article"`).all() as { id: number; title: string; plainText: string }[],
    ),
  );

describe("index maintenance", () => {
  it("finds unindexed articles and indexes them", () => {
    expect(ids(unindexedArticlesSql(100))).toEqual([1, 2, 3, 4]);
    expect(ids(unindexedArticlesSql(2))).toEqual([1, 2]);
    indexAll();
    expect(ids(unindexedArticlesSql(100))).toEqual([]);
    expect(matching("茅台")).toEqual([1, 2, 4]);
    expect(total("茅台")).toBe(3);
  });

  it("drops deleted articles and stale text by trigger; the seed re-indexes updates", () => {
    indexAll();
    db.prepare(`DELETE FROM "ArticleCompany" WHERE articleId = 2`).run();
    db.prepare(`DELETE FROM "Article" WHERE id = 2`).run();
    expect(matching("茅台")).toEqual([1, 4]);
    db.prepare(`UPDATE "Article" SET title = '比亚迪', plainText = '汽车' WHERE id = 4`).run();
    expect(matching("茅台")).toEqual([1]);
    expect(ids(unindexedArticlesSql(100))).toEqual([4]);
    run(indexArticlesStatements([{ id: 4, title: "比亚迪", plainText: "汽车" }]));
    expect(matching("比亚迪")).toEqual([4]);
  });

  it("optimizes without changing what matches", () => {
    indexAll();
    db.exec(OPTIMIZE_INDEX_SQL.sql);
    expect(total("茅台")).toBe(3);
  });
});

describe("search pages", () => {
  beforeEach(indexAll);
  const company = sql`a."id" IN (SELECT "articleId" FROM "ArticleCompany" WHERE "companyId" = ${"sh600519"})`;

  it("ranks title hits above body hits, newer first on ties", () => {
    const page = searchPage(parseQuery("贵州茅台"), [], { total: 2, pageSize: 20 });
    expect(ids(page)).toEqual([2, 1]);
    expect(ids(searchPage(parseQuery("茅台"), [], { total: 3, pageSize: 1, offset: 1 })).length).toBe(1);
  });

  it("pages through tied scores in the same order as ranking every match at once", () => {
    // Twelve articles of three kinds (title hit, body hit ×2, body hit ×1): many equal
    // bm25 scores, so page boundaries fall inside runs of ties decided by time, then id.
    for (let id = 10; id < 22; id++) {
      const kind = id % 3;
      const day = String(1 + (id % 4)).padStart(2, "0");
      addArticle(id, kind === 0 ? "茅台新闻" : "新闻", kind === 1 ? "茅台，茅台。" : "茅台。", `2023-02-${day}T00:00:00.000+00:00`);
    }
    run(indexArticlesStatements(db.prepare(`SELECT id, title, plainText FROM "Article" WHERE id >= 10`).all() as IndexableArticle[]));
    const everyMatch = ids(
      sql`SELECT s.rowid AS "id" FROM "ArticleSearch" s JOIN "Article" a ON a."id" = s.rowid WHERE "ArticleSearch" MATCH ${searchCondition(parseQuery("茅台")).values[0]}
            ORDER BY bm25("ArticleSearch", 5, 5, 1, 1), a."publishedAt" DESC, a."id" DESC`,
    );
    expect(everyMatch).toHaveLength(15);
    const q = parseQuery("茅台");
    const pages = (page: (offset: number) => Sql) => [0, 4, 8, 12].flatMap((offset) => ids(page(offset)));
    expect(pages((offset) => searchPage(q, [], { total: 15, pageSize: 4, offset }))).toEqual(everyMatch);
    expect(pages((offset) => searchRank(q, everyMatch, { pageSize: 4, offset }))).toEqual(everyMatch);
  });

  it("combines with other conditions, in the count too", () => {
    const q = parseQuery("茅台");
    expect(total("茅台", [company])).toBe(2);
    expect(ids(searchPage(q, [company], { total: 2, pageSize: 20 })).sort()).toEqual([1, 2]);
    const since = sql`a."publishedAt" >= ${"2022-01-02T00:00:00.000+00:00"}`;
    expect(total("茅台", [company, since])).toBe(1);
  });

  it("ranks only the newest matches above RANK_LIMIT, still a valid page", () => {
    const page = searchPage(parseQuery("茅台"), [], { total: RANK_LIMIT + 1, pageSize: 20 });
    expect(ids(page).sort()).toEqual([1, 2, 4]);
  });

  it("refuses a query that is not searchable", () => {
    expect(() => searchCondition(parseQuery("-茅台"))).toThrow(/not searchable/);
  });
});
