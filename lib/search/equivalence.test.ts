// The index must find exactly what a plain substring scan over the normalized
// title and body finds. The fixture articles and the seeded queries come from
// ./__tests__/corpus.ts (postgres.test.ts runs the same on PostgreSQL); they are
// indexed in an in-memory database made by the real migrations.
import Database from "better-sqlite3";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "../db/sql";
import { matchesText, parseQuery } from "./query";
import { indexArticlesStatements, searchCondition, searchCount } from "./sqlite";
import { corpusArticles, drawQueries, FIXED_QUERIES, HOSTILE_QUERIES, type CorpusArticle } from "./__tests__/corpus";

const ROOT = path.resolve(import.meta.dirname, "../..");

function migratedDatabase(): Database.Database {
  const db = new Database(":memory:");
  const dir = path.join(ROOT, "prisma", "migrations");
  for (const name of readdirSync(dir).sort()) {
    if (statSync(path.join(dir, name)).isDirectory()) db.exec(readFileSync(path.join(dir, name, "migration.sql"), "utf8"));
  }
  return db;
}

let db: Database.Database;
let articles: CorpusArticle[];

beforeAll(() => {
  db = migratedDatabase();
  articles = corpusArticles();
  db.prepare(`INSERT INTO "Source" (id, name) VALUES (1, 'test')`).run();
  const insert = db.prepare(
    `INSERT INTO "Article" (id, slug, fileName, contentHash, title, publishedAt, hasTime, sourceId, bodyHtml, plainText, excerpt, wordCount, readingMinutes)
     VALUES (?, ?, ?, '', ?, ?, 1, 1, '', ?, '', 0, 1)`,
  );
  for (const a of articles)
    insert.run(a.id, `s${a.id}`, `f${a.id}`, a.title, new Date(Date.UTC(2022, 0, 1) + a.id * 60_000).toISOString(), a.plainText);
  for (const s of indexArticlesStatements(articles)) db.prepare(s.sql).run(...s.values);
});

/** Index answer vs substring answer for one raw query (the page's count agrees too). */
function check(raw: string) {
  const query = parseQuery(raw);
  const expected = articles.filter((a) => matchesText(query, a.normTitle, a.normBody)).map((a) => a.id);
  if (!query.searchable) return { raw, searchable: false, expected, actual: [] as number[] };
  const select = sql`SELECT a."id" FROM "Article" a WHERE ${searchCondition(query)} ORDER BY a."id"`;
  const actual = (db.prepare(select.sql).all(...select.values) as { id: number }[]).map((r) => r.id);
  const count = searchCount(query);
  const total = (db.prepare(count.sql).get(...count.values) as { total: number }).total;
  expect({ raw, total }).toEqual({ raw, total: expected.length });
  return { raw, searchable: true, expected, actual };
}

describe("index = substring scan", () => {
  it("has a fixture corpus", () => {
    expect(articles.length).toBeGreaterThan(100);
  });

  it("agrees on 400 drawn queries of 1–6 characters", () => {
    const queries = drawQueries(articles, 400);
    const results = queries.map(check);
    const mismatches = results.filter((r) => r.searchable && JSON.stringify(r.actual) !== JSON.stringify(r.expected));
    expect(mismatches).toEqual([]);
    // The sample must exercise both hits and misses, and mostly searchable queries.
    expect(results.filter((r) => r.searchable).length).toBeGreaterThan(300);
    expect(results.filter((r) => r.expected.length > 0).length).toBeGreaterThan(200);
    expect(results.filter((r) => r.searchable && r.expected.length === 0).length).toBeGreaterThan(10);
  });

  it("agrees on 1-, 2- and 4-character Chinese, Latin, tickers and numbers", () => {
    for (const raw of FIXED_QUERIES) {
      const r = check(raw);
      expect(r.searchable).toBe(true);
      expect(r.actual).toEqual(r.expected);
    }
    expect(check("宁德时代").expected.length).toBeGreaterThan(0);
    expect(check("ＴＳＬＡ").expected).toEqual(check("tsla").expected);
  });

  it("treats hostile input as text: never throws, stays substring-correct", () => {
    for (const raw of HOSTILE_QUERIES) {
      const r = check(raw);
      if (r.searchable) expect(r.actual).toEqual(r.expected);
    }
  });

  it("returns not searchable, not everything, when nothing positive is left", () => {
    for (const raw of ["", "   ", "-美", "-美 -茅台", '""', '"  "', "\u3000"]) {
      expect(parseQuery(raw).searchable).toBe(false);
    }
  });
});
