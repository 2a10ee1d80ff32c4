// Test support, shared by the substring-equivalence tests of both indexes
// (../equivalence.test.ts for SQLite, ../postgres.test.ts for PostgreSQL): the fixture corpus (content/,
// parsed with the project's parser, plus synthetic articles with what it
// lacks) and the seeded query generator. Not a test file itself.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArticle } from "../../content/parse-article";
import { join, sql, type Sql } from "../../db/sql";
import { normalize } from "../normalize";
import type { SearchDocument } from "../postgres";

const ROOT = path.resolve(import.meta.dirname, "../../..");

export type CorpusArticle = { id: number; title: string; plainText: string; normTitle: string; normBody: string };

/** Synthetic bodies with full-width forms, accents, emoji, odd punctuation, FTS syntax, odd code points. */
const EXTRA_BODIES = [
  "ＴＳＬＡ　Model Y 交付 100%",
  "Café résumé naïve",
  "表情 😀👍 符号 a_b c%d e\\f 'x' \"y\"",
  "NEAR(AND OR NOT) ^*:-",
  "㈱ ① ｶﾀｶﾅ ﬁ",
  // NEL (not whitespace to \s), soft hyphen, the tokens' escape character, combining accent, final sigma, Hangul jamo.
  "行\u0085尾 soft\u00adhyphen \uE000私用\uE00025 e\u0301 ΟΔΟΣ \u1100\u1161",
];

/** The fixture articles, ids 1… in file order, then the synthetic ones. */
export function corpusArticles(): CorpusArticle[] {
  const dir = path.join(ROOT, "content");
  const articles: CorpusArticle[] = [];
  const add = (title: string, plainText: string) =>
    articles.push({ id: articles.length + 1, title, plainText, normTitle: normalize(title), normBody: normalize(plainText) });
  for (const name of readdirSync(dir).sort()) {
    if (!/\.(md|txt)$/.test(name)) continue;
    const result = parseArticle(name, readFileSync(path.join(dir, name)));
    if (result.ok) add(result.article.title, result.article.plainText);
  }
  EXTRA_BODIES.forEach((text, i) => add(`附加 ${i}`, text));
  return articles;
}

export function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` raw search-box queries of 1–6 characters drawn from the articles
 * with a seeded PRNG: substrings of the original or normalized text (hits),
 * altered last characters (often misses), two words, phrases (may hold a
 * space), exclusions, OR, and a few fixed Latin/number terms.
 */
export function drawQueries(articles: CorpusArticle[], count: number, seed = 20261123): string[] {
  const random = mulberry32(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
  const piece = (length: number, original: boolean) => {
    // From the original text (exercises normalization) or the normalized one.
    const a = pick(articles);
    const text = original ? (random() < 0.3 ? a.title : a.plainText) : random() < 0.3 ? a.normTitle : a.normBody;
    const at = Math.floor(random() * Math.max(1, text.length - length));
    return text.slice(at, at + length);
  };
  const queries: string[] = [];
  for (let i = 0; i < count; i++) {
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
  return queries;
}

/** Chinese of 1, 2 and 4 characters, Latin, tickers, numbers, full-width and odd forms: all searchable. */
export const FIXED_QUERIES = [
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
];

/** Input that must be treated as text: LIKE wildcards, quotes, FTS and tsquery syntax, control characters. */
export const HOSTILE_QUERIES = [
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
  // tsquery syntax (PostgreSQL): quotes, backslash, operators, prefix and weight marks.
  "'x'",
  "it's",
  "''",
  "\\'",
  "!美",
  "美 & 茅台",
  "a | b",
  "美:*",
  "茅台:A",
  "<->",
  "a<->b",
  "c%d -%",
  "e\\f -\\",
  "美 -'",
  // The tokens' escape character and what it escapes to, odd code points of the corpus.
  "\uE000",
  "\uE00025",
  "私用\uE000",
  "\u0085",
  "ος",
  "e\u0301",
];

/** Bare Article rows (source 1; publishedAt as lib/db/sql.ts sqlTime spells it) for the PostgreSQL search tests and bench. */
export function insertArticleRows(batch: { id: number; title: string; plainText: string; publishedAt: string }[]): Sql {
  const rows = batch.map(
    (a) =>
      sql`(${a.id}, ${`s${a.id}`}, ${`f${a.id}`}, '', ${a.title}, ${a.publishedAt}::timestamp(3), true, 1, '', ${a.plainText}, '', 0, 1)`,
  );
  return sql`INSERT INTO "Article" ("id", "slug", "fileName", "contentHash", "title", "publishedAt", "hasTime", "sourceId", "bodyHtml", "plainText", "excerpt", "wordCount", "readingMinutes") VALUES ${join(rows)}`;
}

/** Their PostgreSQL search rows, from lib/search/postgres.ts searchDocument. */
export function insertSearchRows(batch: ({ id: number } & SearchDocument)[]): Sql {
  return sql`INSERT INTO "ArticleSearch" ("articleId", "document", "text") VALUES ${join(batch.map((a) => sql`(${a.id}, ${a.document}::tsvector, ${a.text})`))}`;
}
