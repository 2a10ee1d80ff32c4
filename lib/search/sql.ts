// What the data layer asks of a search index, whatever the database: SQLite's
// FTS5 table (./sqlite.ts) or PostgreSQL's tsvector (./postgres.ts); ./index.ts
// picks one by DATABASE_URL. Every
// statement uses positional `?` (lib/db/query.ts numbers them for PostgreSQL)
// and treats the article table as alias `a`.
import type { Statement } from "../db/sql";
import type { ParsedQuery } from "./query";

export type SearchSort = "relevance" | "time";

export type PageOptions = {
  sort: SearchSort;
  /** The count from `count`: decides whether relevance ranks all matches or the newest RANK_LIMIT. */
  total: number;
  pageSize: number;
  /** Relevance paging (rows to skip). */
  offset?: number;
  /** Time paging (keyset): only articles strictly older than this entry. publishedAt as sqlTime() spells it. */
  olderThan?: { publishedAt: string; id: number };
};

export type SearchSql = {
  /**
   * A WHERE condition: article `a` matches the query. `perArticle` checks
   * each article on its own (for a term most articles contain, when other
   * conditions already pick few rows) instead of collecting every match.
   */
  condition(query: ParsedQuery, options?: { perArticle?: boolean }): Statement;
  /** `SELECT count(*) AS total` of the matches that meet every filter (conditions on `a`). */
  count(query: ParsedQuery, filters?: Statement[]): Statement;
  /** `SELECT "id", score` for one page; score is null in time order. */
  page(query: ParsedQuery, filters: Statement[], options: PageOptions): Statement;
  /** One row `{ ids }`: every matching article id, comma-separated (lib/db/sql.ts parseIdList), in no particular order. */
  matchIds(query: ParsedQuery): Statement;
  /** `SELECT "id", score` for one relevance page among `ids` (all matches of the query), best first, newer first on ties. */
  rank(query: ParsedQuery, ids: number[], options: { pageSize: number; offset: number }): Statement;
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
