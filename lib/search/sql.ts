// What the data layer asks of a search index, whatever the database: SQLite's
// FTS5 table (./sqlite.ts) or PostgreSQL's tsvector (./postgres.ts); ./index.ts
// picks one by DATABASE_URL. Every statement is a SQL fragment (lib/db/sql.ts)
// and treats the article table as alias `a`.
import type { Sql } from "../db/sql";
import type { ParsedQuery } from "./query";

/** A relevance page. (In time order a search is one more condition on the timeline's query.) */
export type PageOptions = {
  /** The count from `count`: decides whether relevance ranks all matches or the newest RANK_LIMIT. */
  total: number;
  pageSize: number;
  /** Rows to skip. */
  offset?: number;
};

export type SearchSql = {
  /**
   * A WHERE condition: the article whose id is `id` (default `a."id"`)
   * matches the query. `perArticle` checks each article on its own (for a
   * term most articles contain, when other conditions already pick few rows)
   * instead of collecting every match.
   */
  condition(query: ParsedQuery, options?: { perArticle?: boolean; id?: Sql }): Sql;
  /** `SELECT count(*) AS total` of the matches that meet every filter (conditions on `a`). */
  count(query: ParsedQuery, filters?: Sql[]): Sql;
  /** `SELECT "id", score` for one relevance page, best first, newer first on ties. */
  page(query: ParsedQuery, filters: Sql[], options: PageOptions): Sql;
  /** One row `{ ids }`: every matching article id, comma-separated (lib/db/sql.ts parseIdList), in no particular order. */
  matchIds(query: ParsedQuery): Sql;
  /** `SELECT "id", score` for one relevance page among `ids` (all matches of the query), best first, newer first on ties. */
  rank(query: ParsedQuery, ids: number[], options: { pageSize: number; offset: number }): Sql;
};

/**
 * Relevance ranking costs time in proportion to the matches; a one-character
 * query can match most articles. Above this many, only the RANK_LIMIT matches
 * with the highest ids (≈ the newest: the seed adds articles in date order)
 * are ranked. The total stays exact.
 */
export const RANK_LIMIT = 2000;

/** Title hits count this many times a body hit. */
export const TITLE_WEIGHT = 5;
