// SQL for the FTS5 index (migration 20261123003551_search_index). Every
// statement is { sql, params } with positional `?`, so the same text runs
// through Prisma (`$queryRawUnsafe(sql, ...params)` / `$executeRawUnsafe`) and
// better-sqlite3 (`prepare(sql).all(...params)`).
import type { Statement } from "../db/sql";
import { toFtsMatch, type ParsedQuery } from "./query";
import { RANK_LIMIT, TITLE_WEIGHT, type PageOptions, type SearchSql } from "./sql";
import { indexColumns } from "./tokens";

export const SEARCH_TABLE = "ArticleSearch";
export type { Statement };
export type IndexableArticle = { id: number; title: string; plainText: string };

// ---------------------------------------------------------------- maintenance

/** Rows per INSERT: 5 parameters each, well under SQLite's 32,766 limit, few round trips. */
const INSERT_BATCH = 100;

/**
 * Statements that index articles that have no index row yet: articles just
 * inserted, articles whose title or plainText changed (a trigger dropped their
 * row), or what UNINDEXED_ARTICLES_SQL returns. Plain INSERT on purpose:
 * FTS5 does not reject a second row with the same rowid (it would index the
 * article twice), but INSERT OR REPLACE makes every insert look for an old
 * row, which made a file-backed 100k build many times slower. To re-index an
 * article that may still have a row, use reindexArticlesStatements.
 *
 * Run them after the Article rows are written, in large transactions: FTS5
 * buffers new rows in memory (hashsize, set by the migration) and writes a
 * segment per flush or commit, so one article per transaction is slow.
 */
export function indexArticlesStatements(articles: IndexableArticle[]): Statement[] {
  const statements: Statement[] = [];
  for (let i = 0; i < articles.length; i += INSERT_BATCH) {
    const batch = articles.slice(i, i + INSERT_BATCH);
    statements.push({
      sql: `INSERT INTO "${SEARCH_TABLE}" (rowid, t1, t2, b1, b2) VALUES ${batch.map(() => "(?, ?, ?, ?, ?)").join(", ")}`,
      params: batch.flatMap((a) => {
        const c = indexColumns(a.title, a.plainText);
        return [a.id, c.titleUnigrams, c.titleBigrams, c.bodyUnigrams, c.bodyBigrams];
      }),
    });
  }
  return statements;
}

/** Drops any old rows of these articles, then indexes them (safe whatever the index holds). */
export function reindexArticlesStatements(articles: IndexableArticle[]): Statement[] {
  return [...removeFromIndexStatements(articles.map((a) => a.id)), ...indexArticlesStatements(articles)];
}

/**
 * Removes articles from the index, one statement per id (`rowid IN (…)` makes
 * FTS5 scan the whole table). Deleting Article rows needs none of this: a
 * trigger does it.
 */
export function removeFromIndexStatements(ids: number[]): Statement[] {
  return ids.map((id) => ({ sql: `DELETE FROM "${SEARCH_TABLE}" WHERE rowid = ?`, params: [id] }));
}

/** Empties the index (full rebuild: this, then indexArticlesStatements for every article). */
export const CLEAR_INDEX_SQL = `INSERT INTO "${SEARCH_TABLE}" ("${SEARCH_TABLE}") VALUES ('delete-all')`;

/** Merges index segments: smaller and faster after a large seed. Optional; takes ~seconds at 100k. */
export const OPTIMIZE_INDEX_SQL = `INSERT INTO "${SEARCH_TABLE}" ("${SEARCH_TABLE}") VALUES ('optimize')`;

/**
 * Articles missing from the index, oldest id first: after the migration is
 * applied to a database that already has articles, after a title/text update
 * (a trigger drops the stale row), or after an interrupted seed. The seed can
 * page through it (`LIMIT ?`) and index what it returns.
 */
export const UNINDEXED_ARTICLES_SQL = `SELECT "id", "title", "plainText" FROM "Article" WHERE "id" NOT IN (SELECT rowid FROM "${SEARCH_TABLE}") ORDER BY "id" LIMIT ?`;

// --------------------------------------------------------------------- search

/** bm25 column weights (t1, t2, b1, b2): a hit in the title counts TITLE_WEIGHT times a hit in the body. */
const BM25 = `bm25("${SEARCH_TABLE}", ${TITLE_WEIGHT}, ${TITLE_WEIGHT}, 1, 1)`;

function matchParam(query: ParsedQuery): string {
  const match = toFtsMatch(query);
  if (match === null) throw new Error("query is not searchable: check ParsedQuery.searchable first");
  return match;
}

/**
 * A WHERE condition: the article (alias `articleAlias`) matches the query.
 * AND it with any other conditions.
 */
export function searchCondition(query: ParsedQuery, articleAlias = "a"): Statement {
  return {
    sql: `${articleAlias}."id" IN (SELECT rowid FROM "${SEARCH_TABLE}" WHERE "${SEARCH_TABLE}" MATCH ?)`,
    params: [matchParam(query)],
  };
}

/**
 * A CTE `search_hits(articleId, score)`: every matching article with its bm25
 * score (lower = better). Put it in a WITH clause and JOIN it.
 */
export function searchHitsCte(query: ParsedQuery): Statement {
  return {
    sql: `search_hits("articleId", score) AS (SELECT rowid, ${BM25} FROM "${SEARCH_TABLE}" WHERE "${SEARCH_TABLE}" MATCH ?)`,
    params: [matchParam(query)],
  };
}

// ---------------------------------------------------------------- a full page

const FTS_THEN_ARTICLE = `"${SEARCH_TABLE}" s CROSS JOIN "Article" a ON a."id" = s.rowid`;
const FTS_MATCH = `s."${SEARCH_TABLE}" MATCH ?`;
const and = (parts: string[]) => parts.map((p) => `(${p})`).join(" AND ");

/**
 * `SELECT count(*) AS total` of the articles matching the query and the other
 * conditions (each on the alias `a` = "Article").
 */
export function searchCount(query: ParsedQuery, filters: Statement[] = []): { statement: Statement } {
  if (!filters.length) {
    // No join needed: FTS5 counts its own doclist.
    return {
      statement: { sql: `SELECT count(*) AS total FROM "${SEARCH_TABLE}" WHERE "${SEARCH_TABLE}" MATCH ?`, params: [matchParam(query)] },
    };
  }
  // FTS5 drives (CROSS JOIN fixes the order): one pass over the matches, each
  // checked against the other conditions. Materializing the matches for an
  // IN (…) costs more when a common term matches most of the table.
  return {
    statement: {
      sql: `SELECT count(*) AS total FROM ${FTS_THEN_ARTICLE} WHERE ${and([FTS_MATCH, ...filters.map((f) => f.sql)])}`,
      params: [matchParam(query), ...filters.flatMap((f) => f.params)],
    },
  };
}

/**
 * `SELECT a."id", score` for one page (score is null in time order). Join or
 * look up the article fields by id afterwards.
 */
export function searchPage(query: ParsedQuery, filters: Statement[], options: PageOptions): Statement {
  const filterSql = filters.map((f) => f.sql);
  const filterParams = filters.flatMap((f) => f.params);
  if (options.sort === "time") {
    const keyset = options.olderThan
      ? [
          {
            sql: `a."publishedAt" < ? OR (a."publishedAt" = ? AND a."id" < ?)`,
            params: [options.olderThan.publishedAt, options.olderThan.publishedAt, options.olderThan.id],
          },
        ]
      : [];
    return {
      sql: `SELECT a."id", NULL AS score FROM ${FTS_THEN_ARTICLE} WHERE ${and([FTS_MATCH, ...filterSql, ...keyset.map((k) => k.sql)])} ORDER BY a."publishedAt" DESC, a."id" DESC LIMIT ?`,
      params: [matchParam(query), ...filterParams, ...keyset.flatMap((k) => k.params), options.pageSize],
    };
  }
  // bm25 is evaluated only for rows that pass the other filters (same SELECT);
  // the Article join is there only when a filter needs it.
  const scored = filters.length
    ? `SELECT s.rowid AS "id", ${BM25} AS score FROM ${FTS_THEN_ARTICLE} WHERE ${and([FTS_MATCH, ...filterSql])}`
    : `SELECT s.rowid AS "id", ${BM25} AS score FROM "${SEARCH_TABLE}" s WHERE ${FTS_MATCH}`;
  // Too many matches to rank them all in time: rank the RANK_LIMIT most recently added ones (highest ids; the seed adds in date order).
  const candidates = options.total <= RANK_LIMIT ? scored : `${scored} ORDER BY s.rowid DESC LIMIT ${RANK_LIMIT}`;
  return topByScore(candidates, [matchParam(query), ...filterParams], options.pageSize, options.offset ?? 0);
}

/**
 * One page of `candidates` (`"id", score`), best score first, newer first on
 * ties. Only the rows that can reach the page, those scoring at most the
 * page's last score, are joined to Article for the tie-break: joining every
 * candidate cost as much again as scoring them (4.8 → 1.7 ms for a
 * two-character term at 200,000 articles). Same rows, same order.
 */
function topByScore(candidates: string, params: unknown[], pageSize: number, offset: number): Statement {
  return {
    sql: `WITH scored AS MATERIALIZED (${candidates}),
      last_on_page AS (SELECT score FROM scored ORDER BY score LIMIT 1 OFFSET ?)
      SELECT c."id", c.score FROM scored c CROSS JOIN "Article" a ON a."id" = c."id"
      WHERE c.score <= coalesce((SELECT score FROM last_on_page), c.score)
      ORDER BY c.score, a."publishedAt" DESC, a."id" DESC LIMIT ? OFFSET ?`,
    params: [...params, offset + pageSize - 1, pageSize, offset],
  };
}

/**
 * The search as a condition checked article by article (alias `a`): for a
 * term most articles contain (股, 美), newest first until a page is full,
 * instead of building the set of its 100,000 matches.
 */
export function searchConditionPerArticle(query: ParsedQuery): Statement {
  return {
    sql: `EXISTS (SELECT 1 FROM "${SEARCH_TABLE}" s WHERE "${SEARCH_TABLE}" MATCH ? AND s.rowid = a."id")`,
    params: [matchParam(query)],
  };
}

/** Every matching id as one comma-separated string: FTS5 reads the doclist once. */
export function searchMatchIds(query: ParsedQuery): Statement {
  return { sql: `SELECT group_concat(rowid) AS ids FROM "${SEARCH_TABLE}" WHERE "${SEARCH_TABLE}" MATCH ?`, params: [matchParam(query)] };
}

/**
 * One relevance page among `ids`. `+s.rowid` keeps FTS5 from looking each id
 * up on its own (0.3–0.6 ms apiece for a common term): it reads the term's
 * doclist once and keeps the rows in the set, and bm25 runs only for those.
 */
export function searchRank(query: ParsedQuery, ids: number[], options: { pageSize: number; offset: number }): Statement {
  let low = Infinity;
  let high = -Infinity;
  for (const id of ids) {
    if (id < low) low = id;
    if (id > high) high = id;
  }
  // The rowid range lets FTS5 skip the part of the doclist outside the ids (the newest matches, usually).
  const candidates = `SELECT s.rowid AS "id", ${BM25} AS score FROM "${SEARCH_TABLE}" s
    WHERE ${FTS_MATCH} AND s.rowid BETWEEN ? AND ? AND +s.rowid IN (SELECT value FROM json_each(?))`;
  return topByScore(candidates, [matchParam(query), low, high, JSON.stringify(ids)], options.pageSize, options.offset);
}

export const searchSql: SearchSql = {
  condition: (query, options) => (options?.perArticle ? searchConditionPerArticle(query) : searchCondition(query)),
  count: (query, filters) => searchCount(query, filters).statement,
  page: searchPage,
  matchIds: searchMatchIds,
  rank: searchRank,
};
