// The index must find exactly what a plain substring scan over the normalized
// title and body finds. The fixture articles (content/) are parsed with the
// project's parser and indexed in an in-memory database made by the real
// migrations; queries are drawn from them with a seeded PRNG.
import Database from "better-sqlite3";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseArticle } from "../content/parse-article";
import { normalize } from "./normalize";
import { matchesText, parseQuery } from "./query";
import { indexArticlesStatements, searchCondition, searchCount, type IndexableArticle } from "./sqlite";

const ROOT = path.resolve(import.meta.dirname, "../..");

function migratedDatabase(): Database.Database {
  const db = new Database(":memory:");
  const dir = path.join(ROOT, "prisma", "migrations");
  for (const name of readdirSync(dir).sort()) {
    if (statSync(path.join(dir, name)).isDirectory()) db.exec(readFileSync(path.join(dir, name, "migration.sql"), "utf8"));
  }
  return db;
}

function fixtureArticles(): IndexableArticle[] {
  const dir = path.join(ROOT, "content");
  const articles: IndexableArticle[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!/\.(md|txt)$/.test(name)) continue;
    const result = parseArticle(name, readFileSync(path.join(dir, name)));
    if (result.ok) articles.push({ id: articles.length + 1, title: result.article.title, plainText: result.article.plainText });
  }
  return articles;
}

function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let db: Database.Database;
let articles: (IndexableArticle & { normTitle: string; normBody: string })[];

beforeAll(() => {
  db = migratedDatabase();
  articles = fixtureArticles().map((a) => ({ ...a, normTitle: normalize(a.title), normBody: normalize(a.plainText) }));
  // A few synthetic articles with what the fixtures lack: full-width forms, accents, emoji, odd punctuation.
  const extra = [
    "ＴＳＬＡ　Model Y 交付 100%",
    "Café résumé naïve",
    "表情 😀👍 符号 a_b c%d e\\f 'x' \"y\"",
    "NEAR(AND OR NOT) ^*:-",
    "㈱ ① ｶﾀｶﾅ ﬁ",
  ];
  extra.forEach((text, i) =>
    articles.push({
      id: articles.length + 1,
      title: `附加 ${i}`,
      plainText: text,
      normTitle: normalize(`附加 ${i}`),
      normBody: normalize(text),
    }),
  );
  db.prepare(`INSERT INTO "Source" (id, name) VALUES (1, 'test')`).run();
  const insert = db.prepare(
    `INSERT INTO "Article" (id, slug, fileName, contentHash, title, publishedAt, hasTime, sourceId, bodyHtml, plainText, excerpt, wordCount, readingMinutes)
     VALUES (?, ?, ?, '', ?, ?, 1, 1, '', ?, '', 0, 1)`,
  );
  for (const a of articles)
    insert.run(a.id, `s${a.id}`, `f${a.id}`, a.title, new Date(Date.UTC(2022, 0, 1) + a.id * 60_000).toISOString(), a.plainText);
  for (const s of indexArticlesStatements(articles)) db.prepare(s.sql).run(...s.params);
});

/** Index answer vs substring answer for one raw query (the page's count agrees too). */
function check(raw: string) {
  const query = parseQuery(raw);
  const expected = articles.filter((a) => matchesText(query, a.normTitle, a.normBody)).map((a) => a.id);
  if (!query.searchable) return { raw, searchable: false, expected, actual: [] as number[] };
  const condition = searchCondition(query);
  const actual = (
    db.prepare(`SELECT a."id" FROM "Article" a WHERE ${condition.sql} ORDER BY a."id"`).all(...condition.params) as { id: number }[]
  ).map((r) => r.id);
  const count = searchCount(query).statement;
  const total = (db.prepare(count.sql).get(...count.params) as { total: number }).total;
  expect({ raw, total }).toEqual({ raw, total: expected.length });
  return { raw, searchable: true, expected, actual };
}

describe("index = substring scan", () => {
  it("has a fixture corpus", () => {
    expect(articles.length).toBeGreaterThan(100);
  });

  it("agrees on 400 drawn queries of 1–6 characters", () => {
    const random = mulberry32(20261123);
    const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
    const piece = (length: number, original: boolean) => {
      // From the original text (exercises normalization) or the normalized one.
      const a = pick(articles);
      const text = original ? (random() < 0.3 ? a.title : a.plainText) : random() < 0.3 ? a.normTitle : a.normBody;
      const at = Math.floor(random() * Math.max(1, text.length - length));
      return text.slice(at, at + length);
    };
    const queries: string[] = [];
    for (let i = 0; i < 400; i++) {
      const length = 1 + Math.floor(random() * 6);
      const kind = random();
      if (kind < 0.5) queries.push(piece(length, random() < 0.5));
      else if (kind < 0.6)
        queries.push(piece(length, false).replace(/.$/u, pick(["x", "7", "的", "%", "_", "美"]))); // often a miss
      else if (kind < 0.7) queries.push(`${piece(1 + (length >> 1), false)} ${piece(1 + (length >> 1), false)}`);
      else if (kind < 0.8)
        queries.push(`"${piece(length + 2, false)}"`); // may contain a space
      else if (kind < 0.87) queries.push(`${piece(length, false)} -${piece(1 + (length >> 1), false)}`);
      else if (kind < 0.94) queries.push(`${piece(length, false)} OR ${piece(length, false)}`);
      else queries.push(pick(["tsla", "model y", "618", "2022", "a股", "5g", "etf", "100%", "1.4亿", "—", "，", "(", "°c"]));
    }
    const results = queries.map(check);
    const mismatches = results.filter((r) => r.searchable && JSON.stringify(r.actual) !== JSON.stringify(r.expected));
    expect(mismatches).toEqual([]);
    // The sample must exercise both hits and misses, and mostly searchable queries.
    expect(results.filter((r) => r.searchable).length).toBeGreaterThan(300);
    expect(results.filter((r) => r.expected.length > 0).length).toBeGreaterThan(200);
    expect(results.filter((r) => r.searchable && r.expected.length === 0).length).toBeGreaterThan(10);
  });

  it("agrees on 1-, 2- and 4-character Chinese, Latin, tickers and numbers", () => {
    for (const raw of [
      "美",
      "茅台",
      "宁德时代",
      "美团 快手",
      "TSLA",
      "tsla",
      "Model Y",
      '"model y"',
      "618",
      "2022",
      "ＴＳＬＡ",
      "café",
      "😀",
      "a_b",
      "c%d",
      "e\\f",
      "ﬁ",
      "fi",
      "(株)",
      "1",
    ]) {
      const r = check(raw);
      expect(r.searchable).toBe(true);
      expect(r.actual).toEqual(r.expected);
    }
    expect(check("宁德时代").expected.length).toBeGreaterThan(0);
    expect(check("ＴＳＬＡ").expected).toEqual(check("tsla").expected);
  });

  it("treats hostile input as text: never throws, stays substring-correct", () => {
    const hostile = [
      "%",
      "_",
      '"',
      '"abc',
      "*",
      "NEAR(",
      "AND",
      "OR",
      "NOT",
      "-",
      "(",
      ")",
      ":",
      "^",
      "'",
      "\\",
      "😀",
      "a OR",
      "OR a",
      "a OR OR b",
      "--",
      '-"',
      '""',
      "“美团”",
      "t1:美",
      "{t2}",
      "美*",
      "^美",
      "美 AND",
      "a NEAR(b c)",
      "x".repeat(1000),
      "美".repeat(1000),
      "\u0000",
      "\uD800",
      "\u3000",
      "－美",
    ];
    for (const raw of hostile) {
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
