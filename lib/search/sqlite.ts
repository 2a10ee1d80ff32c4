// SQL for the FTS5 index (migration 20261123003551_search_index), as SQL
// fragments (lib/db/sql.ts): the app runs them through Prisma, the seed through
// better-sqlite3 (`prepare(s.sql).run(...s.values)`).
import { join, sql, type Sql } from "../db/sql";
import { toFtsMatch, type ParsedQuery } from "./query";
import { RANK_LIMIT, TITLE_WEIGHT, type PageOptions, type SearchSql } from "./sql";
import { indexColumns } from "./tokens";

export type IndexableArticle = { id: number; title: string; plainText: string };
const SEARCH_TABLE = sql`"ArticleSearch"`;

// ---------------------------------------------------------------- maintenance

/** Rows per INSERT: 5 parameters each, well under SQLite's 32,766 limit, few round trips. */
const INSERT_BATCH = 100;

/**
 * Statements that index articles that have no index row yet: articles just
 * inserted, articles whose title or plainText changed (a trigger dropped their
 * row), or what unindexedArticlesSql returns. Plain INSERT on purpose: FTS5
 * does not reject a second row with the same rowid (it would index the article
 * twice), but INSERT OR REPLACE makes every insert look for an old row, which
 * is many times slower on a large build.
 *
 * Run them after the Article rows are written, in large transactions: FTS5
 * buffers new rows in memory (hashsize, set by the migration) and writes a
 * segment per flush or commit, so one article per transaction is slow.
 */
export function indexArticlesStatements(articles: IndexableArticle[]): Sql[] {
  const statements: Sql[] = [];
  for (let i = 0; i < articles.length; i += INSERT_BATCH) {
    const rows = articles.slice(i, i + INSERT_BATCH).map((a) => {
      const c = indexColumns(a.title, a.plainText);
      return sql`(${a.id}, ${c.titleUnigrams}, ${c.titleBigrams}, ${c.bodyUnigrams}, ${c.bodyBigrams})`;
    });
    statements.push(sql`INSERT INTO ${SEARCH_TABLE} (rowid, t1, t2, b1, b2) VALUES ${join(rows)}`);
  }
  return statements;
}

/** Merges index segments: smaller and faster after a large seed. Optional; takes seconds on a large index. */
export const OPTIMIZE_INDEX_SQL = sql`INSERT INTO ${SEARCH_TABLE} (${SEARCH_TABLE}) VALUES ('optimize')`;

/**
 * Up to `limit` articles missing from the index, oldest id first: after the
 * migration is applied to a database that already has articles, after a
 * title/text update (a trigger drops the stale row), or after an interrupted
 * seed. The seed indexes what it returns until it returns nothing.
 */
export function unindexedArticlesSql(limit: number): Sql {
  return sql`SELECT "id", "title", "plainText" FROM "Article" WHERE "id" NOT IN (SELECT rowid FROM ${SEARCH_TABLE}) ORDER BY "id" LIMIT ${limit}`;
}

// --------------------------------------------------------------------- search

/** bm25 column weights (t1, t2, b1, b2): a hit in the title counts TITLE_WEIGHT times a hit in the body. */
const BM25 = sql`bm25(${SEARCH_TABLE}, ${TITLE_WEIGHT}, ${TITLE_WEIGHT}, 1, 1)`;

function matchParam(query: ParsedQuery): string {
  const match = toFtsMatch(query);
  if (match === null) throw new Error("query is not searchable: check ParsedQuery.searchable first");
  return match;
}

const A_ID = sql`a."id"`;

/** A WHERE condition: the article whose id is `id` (a."id" unless given) matches the query. */
export function searchCondition(query: ParsedQuery, id: Sql = A_ID): Sql {
  return sql`${id} IN (SELECT rowid FROM ${SEARCH_TABLE} WHERE ${SEARCH_TABLE} MATCH ${matchParam(query)})`;
}

/**
 * The same, checked article by article: for a term most articles contain
 * (股, 美), newest first until a page is full, instead of building the set of
 * its 100,000 matches.
 */
export function searchConditionPerArticle(query: ParsedQuery, id: Sql = A_ID): Sql {
  return sql`EXISTS (SELECT 1 FROM ${SEARCH_TABLE} s WHERE ${SEARCH_TABLE} MATCH ${matchParam(query)} AND s.rowid = ${id})`;
}

// ---------------------------------------------------------------- a full page

const FTS_THEN_ARTICLE = sql`${SEARCH_TABLE} s CROSS JOIN "Article" a ON a."id" = s.rowid`;
const ftsMatch = (query: ParsedQuery) => sql`s.${SEARCH_TABLE} MATCH ${matchParam(query)}`;
const and = (parts: Sql[]) =>
  join(
    parts.map((p) => sql`(${p})`),
    " AND ",
  );

/**
 * `SELECT count(*) AS total` of the articles matching the query and the other
 * conditions (each on the alias `a` = "Article").
 */
export function searchCount(query: ParsedQuery, filters: Sql[] = []): Sql {
  // No join needed without filters: FTS5 counts its own doclist.
  if (!filters.length) return sql`SELECT count(*) AS total FROM ${SEARCH_TABLE} WHERE ${SEARCH_TABLE} MATCH ${matchParam(query)}`;
  // FTS5 drives (CROSS JOIN fixes the order): one pass over the matches, each
  // checked against the other conditions. Materializing the matches for an
  // IN (…) costs more when a common term matches most of the table.
  return sql`SELECT count(*) AS total FROM ${FTS_THEN_ARTICLE} WHERE ${and([ftsMatch(query), ...filters])}`;
}

/** `SELECT "id", score` for one relevance page; look up the article fields by id afterwards. */
export function searchPage(query: ParsedQuery, filters: Sql[], options: PageOptions): Sql {
  // bm25 is evaluated only for rows that pass the other filters (same SELECT);
  // the Article join is there only when a filter needs it.
  const scored = filters.length
    ? sql`SELECT s.rowid AS "id", ${BM25} AS score FROM ${FTS_THEN_ARTICLE} WHERE ${and([ftsMatch(query), ...filters])}`
    : sql`SELECT s.rowid AS "id", ${BM25} AS score FROM ${SEARCH_TABLE} s WHERE ${ftsMatch(query)}`;
  // Too many matches to rank them all in time: rank the RANK_LIMIT most recently added ones (highest ids; the seed adds in date order).
  const candidates = options.total <= RANK_LIMIT ? scored : sql`${scored} ORDER BY s.rowid DESC LIMIT ${RANK_LIMIT}`;
  return topByScore(candidates, options.pageSize, options.offset ?? 0);
}

/**
 * One page of `candidates` (`"id", score`), best score first, newer first on
 * ties. Only the rows that can reach the page, those scoring at most the
 * page's last score, are joined to Article for the tie-break: joining every
 * candidate costs as much again as scoring them. Same rows, same order.
 */
function topByScore(candidates: Sql, pageSize: number, offset: number): Sql {
  return sql`WITH scored AS MATERIALIZED (${candidates}),
      last_on_page AS (SELECT score FROM scored ORDER BY score LIMIT 1 OFFSET ${offset + pageSize - 1})
      SELECT c."id", c.score FROM scored c CROSS JOIN "Article" a ON a."id" = c."id"
      WHERE c.score <= coalesce((SELECT score FROM last_on_page), c.score)
      ORDER BY c.score, a."publishedAt" DESC, a."id" DESC LIMIT ${pageSize} OFFSET ${offset}`;
}

/** Every matching id as one comma-separated string: FTS5 reads the doclist once. */
export function searchMatchIds(query: ParsedQuery): Sql {
  return sql`SELECT group_concat(rowid) AS ids FROM ${SEARCH_TABLE} WHERE ${SEARCH_TABLE} MATCH ${matchParam(query)}`;
}

/**
 * One relevance page among `ids`. `+s.rowid` keeps FTS5 from looking each id
 * up on its own (slow for a common term): it reads the term's doclist once and
 * keeps the rows in the set, and bm25 runs only for those.
 */
export function searchRank(query: ParsedQuery, ids: number[], options: { pageSize: number; offset: number }): Sql {
  let low = Infinity;
  let high = -Infinity;
  for (const id of ids) {
    if (id < low) low = id;
    if (id > high) high = id;
  }
  // The rowid range lets FTS5 skip the part of the doclist outside the ids (the newest matches, usually).
  const candidates = sql`SELECT s.rowid AS "id", ${BM25} AS score FROM ${SEARCH_TABLE} s
    WHERE ${ftsMatch(query)} AND s.rowid BETWEEN ${low} AND ${high} AND +s.rowid IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`;
  return topByScore(candidates, options.pageSize, options.offset);
}

export const searchSql: SearchSql = {
  condition: (query, options) => (options?.perArticle ? searchConditionPerArticle : searchCondition)(query, options?.id),
  count: searchCount,
  page: searchPage,
  matchIds: searchMatchIds,
  rank: searchRank,
};
