// What a filter is, declared once (./company.ts, ./market.ts, …; the list is
// in ./index.ts): its URL parameters, how their values are read, validated and
// written back canonically, its chip and feed wording, and the condition it
// puts on articles. Pages, feeds, the filter bar, the chips, the sitemap and
// the response cache key all read these declarations.
//
// Nothing here imports the database: the client-side company picker uses the
// same declarations, so the SQL side receives its tools (`FilterDb`) from the
// data layer (lib/data/timeline.ts) instead.
import type { inList, join, Sql, sql } from "../db/sql";
import type { Filters } from "./index";
import type { FilterNotice } from "./params";

export type Parsed<V> = {
  value: V;
  notices: FilterNotice[];
  /** A value could not be used: the result is empty rather than wider than asked. */
  matchesNothing?: boolean;
};

/** An active filter as a removable chip: its label, and the filters without it. */
export type Chip = { label: string; remove: Partial<Filters> };

/** Display names of filter values (a listing id's company name), found while selecting. */
export type Labels = Record<string, string>;

/** An article's columns in the query being built: the driving table's, so conditions stay in its index. */
export type ArticleColumns = { id: Sql; time: Sql };

/** A condition on an article. */
export type ArticleCondition = {
  /**
   * It reads the Article row itself (alias `a`), not only the id and time:
   * the query then starts from Article rather than from company links.
   */
  needsArticleRow?: boolean;
  on(article: ArticleColumns): Sql;
};

/** What a filter's value selects. */
export type FilterSelection = {
  /** No article can match (only unknown companies, an unknown source). */
  nothing?: boolean;
  /** Company ids: the article is linked to any of them (the timeline may start from their links). */
  linkedTo?: string[];
  conditions?: ArticleCondition[];
  /** A full-text query, run by the timeline's search (lib/search). */
  search?: string;
  notices?: FilterNotice[];
  labels?: Labels;
};

/** The database as filters see it: lookups by value, and SQL fragments. */
export type FilterDb = {
  sql: typeof sql;
  join: typeof join;
  inList: typeof inList;
  /** An instant as a parameter comparable with DateTime columns. */
  time(instant: Date): string;
  /** Listing ids → their companies; ids no company has come back as `unknown`. */
  companiesByListing(ids: string[]): Promise<{ found: { listingId: string; id: string; name: string }[]; unknown: string[] }>;
  /** A source's id by name, null when there is none. */
  sourceId(name: string): Promise<number | null>;
};

export type FilterDeclaration<V extends object> = {
  /** Its URL parameters, in canonical order. */
  params: readonly string[];
  /** Reads its parameters (`read` gives a trimmed value or null). An unusable value is a notice, never a wider result. */
  parse(read: (param: string) => string | null): Parsed<V>;
  /** Canonical [param, value] pairs; none when the filter is not set. Parsing them gives the same value back without notices. */
  serialize(value: V, filters: Filters): [string, string][];
  /** Does it narrow the result (for "filters on" and "clear all")? */
  isSet(value: V): boolean;
  chips(value: V, labels: Labels): Chip[];
  /** Its part of a feed's title ("公司：快手、腾讯"), or null. */
  describe(value: V, labels: Labels): string | null;
  /** The link an empty result offers to drop it ("不限日期"). */
  widen?: { label: string; remove: Partial<Filters> };
  /** Values worth a sitemap entry of their own (`/?market=hk`). */
  landings?: Partial<Filters>[];
  /** The articles the value selects; absent for parameters that only order or present. */
  select?(value: V, db: FilterDb): FilterSelection | Promise<FilterSelection>;
};
