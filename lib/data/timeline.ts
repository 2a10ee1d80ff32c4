// The timeline: one page of articles for any filters, in time or relevance
// order, with its total and position. Each filter says which articles it
// selects (lib/filters); this file decides how to read them: every query is a
// few index range scans whatever the corpus size, so the SQL is written here
// where Prisma's generated SQL cannot use an index (row-value keyset
// comparisons, driving from a company's links).
import { getPrisma } from "../db/client";
import { queryRows } from "../db/query";
import { empty, fromSqlTime, idListSql, inList, join, parseIdList, sql, sqlTime, toCount, whereAll, type Sql } from "../db/sql";
import {
  FILTERS,
  formatCursor,
  mentions,
  valueOf,
  type ArticleCondition,
  type Cursor,
  type FilterDb,
  type FilterDeclaration,
  type FilterNotice,
  type Filters,
  type FilterSelection,
  type Labels,
  type SortOrder,
} from "../filters";
import { highlightTitle, snippet } from "../search/highlight";
import { parseQuery, type ParsedQuery } from "../search/query";
import { searchSql } from "../search";
import { RANK_LIMIT } from "../search/sql";
import { resolveCompanies } from "./companies";
import { sourceIdByName } from "./sources";
import { summariesFor } from "./summaries";
import type { ArticleSummary, TimelinePage } from "./types";

export const PAGE_SIZE = 20;

/** What a page itself fixes, as filters: a company page's company, a source page's source. */
export type Scope = Partial<Filters>;

/** The articles a request asks for: what its filters and the page's scope select, together. */
export type ArticleChoice = {
  /** No article can match. */
  nothing: boolean;
  /** Company ids the articles must be linked to (any of them); null when no company filter applies. */
  linkedTo: string[] | null;
  conditions: ArticleCondition[];
  search: string | null;
  /** Values of the reader's filters that select nothing (not the page's own). */
  notices: FilterNotice[];
  labels: Labels;
};

const filterDb: FilterDb = { sql, join, inList, time: sqlTime, companiesByListing: resolveCompanies, sourceId: sourceIdByName };

/** Asks every filter (the reader's, then the page's scope) what it selects; all must hold. */
export async function chooseArticles(filters: Filters, scope: Scope = {}): Promise<ArticleChoice> {
  const declarations = FILTERS as readonly FilterDeclaration<object>[];
  const select = (d: FilterDeclaration<object>, from: Partial<Filters>) => d.select?.(valueOf(d, from), filterDb) ?? {};
  const [own, scoped] = await Promise.all([
    Promise.all(declarations.map((d) => select(d, filters))),
    Promise.all(declarations.filter((d) => mentions(d, scope)).map((d) => select(d, scope))),
  ]);
  const choice: ArticleChoice = {
    nothing: !!filters.matchesNothing,
    linkedTo: null,
    conditions: [],
    search: null,
    notices: own.flatMap((s) => s.notices ?? []),
    labels: Object.assign({}, ...own.map((s) => s.labels ?? {})),
  };
  for (const selection of [...own, ...scoped] as FilterSelection[]) {
    if (selection.nothing) choice.nothing = true;
    // Both the reader's companies and the page's: the articles of those in both.
    if (selection.linkedTo) choice.linkedTo = choice.linkedTo ? choice.linkedTo.filter((id) => selection.linkedTo!.includes(id)) : selection.linkedTo;
    choice.conditions.push(...(selection.conditions ?? []));
    if (selection.search) choice.search = selection.search;
  }
  if (choice.linkedTo?.length === 0) choice.nothing = true;
  return choice;
}

/** The choice ready to query; null when it can match nothing. */
type Selection = {
  linkedTo: string[] | null;
  conditions: ArticleCondition[];
  /**
   * The parsed query and how many articles match it on their own; with other
   * filters also which ones (`matchIds`, read from the index in the same
   * time as counting them), for intersecting with those filters.
   */
  search: (ParsedQuery & { matches: number; matchIds: number[] | null }) | null;
};

const EMPTY_PAGE: TimelinePage = { items: [], total: 0, firstPosition: 1, older: null, newer: null };

async function prepare(choice: ArticleChoice): Promise<Selection | null> {
  if (choice.nothing) return null;
  const selection: Selection = { linkedTo: choice.linkedTo, conditions: choice.conditions, search: null };
  if (choice.search) {
    const parsed = parseQuery(choice.search);
    if (!parsed.searchable) return null;
    if (hasOtherFilters(selection)) {
      const [row] = await queryRows<{ ids: string | null }>(searchSql().matchIds(parsed));
      const matchIds = parseIdList(row?.ids);
      selection.search = { ...parsed, matches: matchIds.length, matchIds };
    } else {
      const [row] = await queryRows<{ total: number | bigint }>(searchSql().count(parsed));
      selection.search = { ...parsed, matches: toCount(row?.total), matchIds: null };
    }
    if (selection.search.matches === 0) return null;
  }
  return selection;
}

/** Companies or other conditions narrow the selection besides any search. */
function hasOtherFilters(selection: Selection): boolean {
  return !!selection.linkedTo || selection.conditions.length > 0;
}

type Columns = { id: Sql; time: Sql };
const ARTICLE: Columns = { id: sql`a."id"`, time: sql`a."publishedAt"` };
const LINK: Columns = { id: sql`ac."articleId"`, time: sql`ac."publishedAt"` };

/** The article is linked to one of the companies: a set read from the links' index alone. */
function linkedToAny(companies: string[]): ArticleCondition {
  return { on: ({ id }) => sql`${id} IN (SELECT "articleId" FROM "ArticleCompany" WHERE "companyId" IN ${inList(companies)})` };
}

/** Every filter but the search as conditions on Article `a`, the companies as a set. */
function articleConditions(selection: Selection): Sql[] {
  const conditions = selection.linkedTo ? [linkedToAny(selection.linkedTo), ...selection.conditions] : selection.conditions;
  return conditions.map((c) => c.on(ARTICLE));
}

type Query = { from: Sql; columns: Columns; where: Sql[]; distinct: boolean };

/**
 * FROM + WHERE for the selection. With companies, the query starts from their
 * links (ArticleCompany is indexed by company, time, article), so a company
 * with 30 articles costs 30 index entries however large the table is, and a
 * date range is a narrower range of the same index; other conditions read the
 * link's article id, never the Article row. A condition that needs the row (a
 * source) makes Article's (source, time, id) index drive instead, and the
 * companies' links become a set: both come from indexes alone. Joining each
 * of a big company's links to its Article row would read a table page per link.
 */
function source(selection: Selection, extra: ArticleCondition[] = []): Query {
  const search = selection.search ? [searchCondition(selection.search)] : [];
  const conditions = [...selection.conditions, ...extra, ...search];
  const companies = selection.linkedTo;
  if (companies && !conditions.some((c) => c.needsArticleRow)) {
    return {
      from: sql`"ArticleCompany" ac`,
      columns: LINK,
      where: [sql`ac."companyId" IN ${inList(companies)}`, ...conditions.map((c) => c.on(LINK))],
      distinct: companies.length > 1,
    };
  }
  const all = companies ? [linkedToAny(companies), ...conditions] : conditions;
  return { from: sql`"Article" a`, columns: ARTICLE, where: all.map((c) => c.on(ARTICLE)), distinct: false };
}

/**
 * The search as a condition. A term most articles contain (股, 美) is checked
 * article by article, newest first, until a page is full; building the set of
 * its 100,000 matches would cost far more. A rarer term is the set of its matches.
 */
function searchCondition(search: ParsedQuery & { matches: number }): ArticleCondition {
  return { on: ({ id }) => searchSql().condition(search, { perArticle: search.matches >= DENSE_MATCHES, id }) };
}

/** Matches above which a search is checked per article rather than collected. */
const DENSE_MATCHES = 5000;

/** Where the search path switches strategy; tests move it to run both strategies on a small corpus. */
export const searchTuning = {
  /** Matches above which a search with other filters is counted by intersecting id lists (filteredHits). */
  intersectMatches: 1000,
};

/** True when counting this selection the plain SQL way would visit tens of thousands of rows one by one. */
function needsIntersection(selection: Selection): boolean {
  return !!selection.search && selection.search.matches >= searchTuning.intersectMatches && hasOtherFilters(selection);
}

/**
 * Every article of a search with other filters, newest first, as ids. A
 * common term (股: most articles) with a date range or a company costs
 * seconds in SQL either way round: each candidate probing the index, or each
 * match looking up its article. Both sides as id lists, read once each and
 * intersected here, cost tens of milliseconds.
 */
async function filteredHits(selection: Selection): Promise<number[]> {
  const matchIds = selection.search!.matchIds!;
  let maxId = 0;
  for (const id of matchIds) if (id > maxId) maxId = id;
  const isMatch = new Uint8Array(maxId + 1);
  for (const id of matchIds) isMatch[id] = 1;
  const q = source({ ...selection, search: null });
  const candidates = sql`SELECT ${q.columns.id} AS "id", ${q.columns.time} AS "t" FROM ${q.from}${whereAll(q.where)}`;
  const [row] = await queryRows<{ ids: string | null }>(idListSql(candidates, sql`"t" DESC, "id" DESC`));
  // With several companies an article comes once per company, side by side (same time, same id).
  return parseIdList(row?.ids).filter((id, i, all) => isMatch[id] === 1 && id !== all[i - 1]);
}

type Keyset = { publishedAt: Date; id: number };

/** Entries strictly newer (or older) than `entry`, as one row-value comparison SQLite serves from the index. */
function beyond(entry: Keyset, side: "newer" | "older"): ArticleCondition {
  const operator = side === "newer" ? sql`>` : sql`<`;
  return { on: ({ id, time }) => sql`(${time}, ${id}) ${operator} (${sqlTime(entry.publishedAt)}, ${entry.id})` };
}

async function count(selection: Selection, extra: ArticleCondition[] = []): Promise<number> {
  const q = source(selection, extra);
  const what = q.distinct ? sql`COUNT(DISTINCT ${q.columns.id})` : sql`COUNT(*)`;
  // No WHERE at all when nothing filters: SQLite then counts the table from its b-tree pages, not row by row.
  const rows = await queryRows<{ n: number | bigint }>(sql`SELECT ${what} AS n FROM ${q.from}${whereAll(q.where)}`);
  return toCount(rows[0]?.n);
}

/**
 * How many entries of the selection are newer than `entry`: those published
 * later plus those at the same time with a higher id. Two plain range counts:
 * the row-value comparison that pages use is checked row by row, which makes
 * counting many newer articles several times slower.
 */
async function countNewer(selection: Selection, entry: Keyset): Promise<number> {
  const at = sqlTime(entry.publishedAt);
  const [later, sameTime] = await Promise.all([
    count(selection, [{ on: ({ time }) => sql`${time} > ${at}` }]),
    count(selection, [{ on: ({ time, id }) => sql`${time} = ${at} AND ${id} > ${entry.id}` }]),
  ]);
  return later + sameTime;
}

async function idsInTimeOrder(selection: Selection, cursor: Extract<Cursor, { direction: string }> | null, pageSize: number): Promise<Keyset[]> {
  const q = source(selection, cursor ? [beyond(cursor, cursor.direction)] : []);
  const { id, time } = q.columns;
  const ascending = cursor?.direction === "newer";
  const order = ascending ? sql`${time} ASC, ${id} ASC` : sql`${time} DESC, ${id} DESC`;
  // An article's links all carry its time, so grouping by both keeps one row per article.
  const group = q.distinct ? sql` GROUP BY ${id}, ${time}` : empty;
  const rows = await queryRows<{ id: number; publishedAt: string | Date }>(
    sql`SELECT ${id} AS "id", ${time} AS "publishedAt" FROM ${q.from}${whereAll(q.where)}${group} ORDER BY ${order} LIMIT ${pageSize}`,
  );
  const entries = rows.map((r) => ({ id: Number(r.id), publishedAt: fromSqlTime(r.publishedAt) }));
  return ascending ? entries.reverse() : entries;
}

/** One page of the chosen articles in `order`, from `cursor` on. */
export async function getTimeline(choice: ArticleChoice, order: SortOrder, cursor: Cursor | null, pageSize = PAGE_SIZE): Promise<TimelinePage> {
  const selection = await prepare(choice);
  if (!selection) return EMPTY_PAGE;
  if (selection.search && order === "relevance") return relevancePage(selection, cursor, pageSize);

  const keysetCursor = cursor && "direction" in cursor ? cursor : null;
  const entries = await idsInTimeOrder(selection, keysetCursor, pageSize);
  const onlySearch = selection.search && !hasOtherFilters(selection);
  const hits = needsIntersection(selection) ? await filteredHits(selection) : null;
  const [total, newerCount, items] = await Promise.all([
    hits ? hits.length : onlySearch ? Promise.resolve(selection.search!.matches) : count(selection),
    // Position comes from counting what is newer than the first entry, so
    // "older"/"newer" links exist exactly when there is something on that side.
    !entries.length ? 0 : hits ? Math.max(0, hits.indexOf(entries[0].id)) : countNewer(selection, entries[0]),
    withHighlights(await summariesFor(entries.map((e) => e.id)), selection.search),
  ]);
  const first = entries[0];
  const last = entries.at(-1);
  return {
    items,
    total,
    firstPosition: newerCount + 1,
    older: last && newerCount + entries.length < total ? { before: formatCursor(last) } : null,
    newer: first && newerCount > 0 ? { after: formatCursor(first) } : null,
  };
}

/** Search results by relevance: title hits weigh more, newer wins ties; paged by number. */
async function relevancePage(selection: Selection, cursor: Cursor | null, pageSize: number): Promise<TimelinePage> {
  const search = selection.search!;
  const page = cursor && "page" in cursor ? cursor.page : 1;
  const filters = articleConditions(selection);
  const offset = (page - 1) * pageSize;
  let total = search.matches;
  let rows: { id: number }[];
  if (needsIntersection(selection)) {
    const hits = await filteredHits(selection);
    total = hits.length;
    // As in searchSql().page: above RANK_LIMIT, only the RANK_LIMIT newest-added (highest ids) are ranked.
    const ranked = total <= RANK_LIMIT ? hits : [...hits].sort((a, b) => b - a).slice(0, RANK_LIMIT);
    rows = ranked.length ? await queryRows<{ id: number }>(searchSql().rank(search, ranked, { pageSize, offset })) : [];
  } else {
    if (filters.length) total = toCount((await queryRows<{ total: number | bigint }>(searchSql().count(search, filters)))[0]?.total);
    rows = await queryRows<{ id: number }>(searchSql().page(search, filters, { total, pageSize, offset }));
  }
  const items = await withHighlights(await summariesFor(rows.map((r) => Number(r.id))), search);
  return {
    items,
    total,
    firstPosition: offset + 1,
    older: offset + items.length < total ? { page: String(page + 1) } : null,
    newer: page > 1 ? { page: String(page - 1) } : null,
  };
}

/** Search results show the matched words in the title and a snippet around the first hit. */
async function withHighlights(items: ArticleSummary[], search: ParsedQuery | null): Promise<ArticleSummary[]> {
  if (!search || !items.length) return items;
  const texts = await getPrisma().article.findMany({ where: { id: { in: items.map((i) => i.id) } }, select: { id: true, plainText: true } });
  const textById = new Map(texts.map((t) => [t.id, t.plainText]));
  return items.map((item) => ({
    ...item,
    highlight: { title: highlightTitle(item.title, search), snippet: snippet(textById.get(item.id) ?? item.excerpt, search) },
  }));
}
