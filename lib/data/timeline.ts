// The timeline: one page of articles for any filters, in time or relevance
// order, with its total and position. Every query is a few index range scans
// whatever the corpus size; the SQL is raw where Prisma's generated SQL cannot
// use an index (row-value keyset comparisons, driving from a company's links).
import { endOfBeijingDay, startOfBeijingDay } from "../dates";
import { getPrisma } from "../db/client";
import { queryRows } from "../db/query";
import { allOf, fromSqlTime, idListSql, parseIdList, placeholders, sqlTime, toCount, type Statement } from "../db/sql";
import { effectiveSort, formatCursor, type Cursor, type Filters } from "../filters";
import { highlightTitle, snippet } from "../search/highlight";
import { parseQuery, type ParsedQuery } from "../search/query";
import { searchSql } from "../search";
import { RANK_LIMIT } from "../search/sql";
import { resolveCompanies } from "./companies";
import { summariesFor } from "./summaries";
import type { ArticleSummary, TimelinePage } from "./types";

export const PAGE_SIZE = 20;

/** What a page itself fixes: a company page's company, a source page's source. */
export type Scope = { companyId?: string; sourceName?: string };

/** The set of articles a request asks for, resolved to ids; null when it can match nothing. */
type Selection = {
  /** Company ids whose links drive the query (an index range per company). */
  drivingCompanies: string[] | null;
  /** The source articles must come from (a source page's own, or the filter's: both set must agree). */
  sourceId: number | null;
  /** Published at or after `since` and before `until`: the requested Beijing days as instants. */
  since: Date | null;
  until: Date | null;
  /**
   * The parsed query and how many articles match it on their own; with other
   * filters also which ones (`matchIds`, read from the index in the same
   * time as counting them), for intersecting with those filters.
   */
  search: (ParsedQuery & { matches: number; matchIds: number[] | null }) | null;
};

const EMPTY_PAGE: TimelinePage = { items: [], total: 0, firstPosition: 1, older: null, newer: null };

async function select(filters: Filters, scope: Scope): Promise<Selection | null> {
  if (filters.matchesNothing) return null;
  let drivingCompanies: string[] | null = null;
  if (filters.companies.length) {
    const { found } = await resolveCompanies(filters.companies);
    if (!found.length) return null; // only unknown ids: nothing, never everything
    drivingCompanies = [...new Set(found.map((c) => c.id))];
  }
  if (scope.companyId) {
    if (drivingCompanies) {
      if (!drivingCompanies.includes(scope.companyId)) return null;
    }
    drivingCompanies = [scope.companyId];
  }
  let sourceId: number | null = null;
  for (const name of [scope.sourceName, filters.source]) {
    if (!name) continue;
    const source = await getPrisma().source.findUnique({ where: { name }, select: { id: true } });
    if (!source || (sourceId !== null && source.id !== sourceId)) return null;
    sourceId = source.id;
  }
  const selection: Selection = {
    drivingCompanies,
    sourceId,
    since: filters.from ? startOfBeijingDay(filters.from) : null,
    until: filters.to ? endOfBeijingDay(filters.to) : null,
    search: null,
  };
  if (filters.q) {
    const parsed = parseQuery(filters.q);
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

/** The source and date conditions, the dates on `time` (the driving table's time column, so a range stays in its index). */
function filterConditions(selection: Selection, time = `a."publishedAt"`): Statement[] {
  const conditions: Statement[] = [];
  if (selection.sourceId !== null) conditions.push({ sql: `a."sourceId" = ?`, params: [selection.sourceId] });
  if (selection.since) conditions.push({ sql: `${time} >= ?`, params: [sqlTime(selection.since)] });
  if (selection.until) conditions.push({ sql: `${time} < ?`, params: [sqlTime(selection.until)] });
  return conditions;
}

/** Companies, a source or dates narrow the selection besides any search. */
function hasOtherFilters(selection: Selection): boolean {
  return !!selection.drivingCompanies || selection.sourceId !== null || !!selection.since || !!selection.until;
}

/** The article (alias `a`) is linked to one of the companies: a set read from the links' index alone. */
function linkedToAny(companies: string[]): Statement {
  return { sql: `a."id" IN (SELECT "articleId" FROM "ArticleCompany" WHERE "companyId" IN (${placeholders(companies)}))`, params: companies };
}

/** Every filter but the search as conditions on Article `a`: source, dates, and the companies as a set. */
function articleConditions(selection: Selection): Statement[] {
  return [...filterConditions(selection), ...(selection.drivingCompanies ? [linkedToAny(selection.drivingCompanies)] : [])];
}

/**
 * FROM + WHERE for the selection. With companies, the query starts from their
 * links (ArticleCompany is indexed by company, time, article), so a company
 * with 30 articles costs 30 index entries however large the table is, and a
 * date range is a narrower range of the same index. With a source as well,
 * Article's (source, time, id) index drives and the companies' links become a
 * set: both come from indexes alone. Joining each of a big company's links to
 * its Article row instead reads a table page per link (1.2 s from a cold disk
 * for a company with 65,000 articles at 200,000).
 */
function source(selection: Selection, extra: Statement[] = []): { from: string; time: string; id: string; where: Statement; distinct: boolean } {
  const search = selection.search ? [searchFilter(selection.search)] : [];
  const companies = selection.drivingCompanies;
  if (companies && selection.sourceId === null) {
    const conditions = [...filterConditions(selection, `ac."publishedAt"`), ...extra, ...search];
    // Join the articles only when a condition needs them: counting a big company's links alone never leaves the index.
    const needsArticle = conditions.some((c) => c.sql.includes("a."));
    return {
      from: needsArticle ? `"ArticleCompany" ac JOIN "Article" a ON a."id" = ac."articleId"` : `"ArticleCompany" ac`,
      time: `ac."publishedAt"`,
      id: `ac."articleId"`,
      where: allOf([{ sql: `ac."companyId" IN (${placeholders(companies)})`, params: companies }, ...conditions]),
      distinct: companies.length > 1,
    };
  }
  const conditions = [...articleConditions(selection), ...extra, ...search];
  return { from: `"Article" a`, time: `a."publishedAt"`, id: `a."id"`, where: allOf(conditions), distinct: false };
}

/**
 * The search as a condition on Article `a`. A term most articles contain
 * (股, 美) is checked article by article, newest first, until a page is full;
 * building the set of its 100,000 matches would cost far more. A rarer term
 * is the set of its matches.
 */
function searchFilter(search: ParsedQuery & { matches: number }): Statement {
  return searchSql().condition(search, { perArticle: search.matches >= DENSE_MATCHES });
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
  return (
    !!selection.search &&
    selection.search.matches >= searchTuning.intersectMatches &&
    hasOtherFilters(selection)
  );
}

/**
 * Every article of a search with other filters, newest first, as ids. A
 * common term (股: 120,000 of 200,000 articles) with a date range or a
 * company costs seconds in SQL either way round: each candidate probing the
 * index, or each match looking up its article. Both sides as id lists, read
 * once each and intersected here, cost tens of milliseconds.
 */
async function filteredHits(selection: Selection): Promise<number[]> {
  const matchIds = selection.search!.matchIds!;
  let maxId = 0;
  for (const id of matchIds) if (id > maxId) maxId = id;
  const isMatch = new Uint8Array(maxId + 1);
  for (const id of matchIds) isMatch[id] = 1;
  const q = source({ ...selection, search: null });
  const candidates = `SELECT ${q.id} AS "id", ${q.time} AS "t" FROM ${q.from} WHERE ${q.where.sql}`;
  const [row] = await queryRows<{ ids: string | null }>({ sql: idListSql(candidates, `"t" DESC, "id" DESC`), params: q.where.params });
  // With several companies an article comes once per company, side by side (same time, same id).
  return parseIdList(row?.ids).filter((id, i, all) => isMatch[id] === 1 && id !== all[i - 1]);
}

type Keyset = { publishedAt: Date; id: number };

/** Entries strictly newer (or older) than `entry`, as one row-value comparison SQLite serves from the index. */
function beyond(time: string, id: string, entry: Keyset, side: "newer" | "older"): Statement {
  return { sql: `(${time}, ${id}) ${side === "newer" ? ">" : "<"} (?, ?)`, params: [sqlTime(entry.publishedAt), entry.id] };
}

async function count(selection: Selection, extra: (time: string, id: string) => Statement[] = () => []): Promise<number> {
  const base = source(selection);
  const q = source(selection, extra(base.time, base.id));
  const what = q.distinct ? `COUNT(DISTINCT ${q.id})` : "COUNT(*)";
  // No WHERE at all when nothing filters: SQLite then counts the table from its b-tree pages (0.1 ms at 200,000), not row by row (3 ms).
  const where = q.where.sql === "TRUE" ? "" : ` WHERE ${q.where.sql}`;
  const rows = await queryRows<{ n: number | bigint }>({ sql: `SELECT ${what} AS n FROM ${q.from}${where}`, params: q.where.params });
  return toCount(rows[0]?.n);
}

/**
 * How many entries of the selection are newer than `entry`: those published
 * later plus those at the same time with a higher id. Two plain range counts:
 * the row-value comparison that pages use is checked row by row, which made
 * counting 100,000 newer articles cost 7 ms against 1 ms.
 */
async function countNewer(selection: Selection, entry: Keyset): Promise<number> {
  const at = sqlTime(entry.publishedAt);
  const [later, sameTime] = await Promise.all([
    count(selection, (time) => [{ sql: `${time} > ?`, params: [at] }]),
    count(selection, (time, id) => [{ sql: `${time} = ? AND ${id} > ?`, params: [at, entry.id] }]),
  ]);
  return later + sameTime;
}

async function idsInTimeOrder(selection: Selection, cursor: Extract<Cursor, { direction: string }> | null, pageSize: number): Promise<Keyset[]> {
  const base = source(selection);
  const q = cursor ? source(selection, [beyond(base.time, base.id, cursor, cursor.direction)]) : base;
  const order = cursor?.direction === "newer" ? "ASC" : "DESC";
  // An article's links all carry its time, so grouping by both keeps one row per article.
  const group = q.distinct ? `GROUP BY ${q.id}, ${q.time}` : "";
  const rows = await queryRows<{ id: number; publishedAt: string | Date }>({
    sql: `SELECT ${q.id} AS "id", ${q.time} AS "publishedAt" FROM ${q.from} WHERE ${q.where.sql} ${group} ORDER BY ${q.time} ${order}, ${q.id} ${order} LIMIT ?`,
    params: [...q.where.params, pageSize],
  });
  const entries = rows.map((r) => ({ id: Number(r.id), publishedAt: fromSqlTime(r.publishedAt) }));
  return order === "ASC" ? entries.reverse() : entries;
}

export async function getTimeline(filters: Filters, cursor: Cursor | null, scope: Scope = {}, pageSize = PAGE_SIZE): Promise<TimelinePage> {
  const selection = await select(filters, scope);
  if (!selection) return EMPTY_PAGE;
  if (selection.search && effectiveSort(filters) === "relevance") return relevancePage(selection, cursor, pageSize);

  const keysetCursor = cursor && "direction" in cursor ? cursor : null;
  const entries = await idsInTimeOrder(selection, keysetCursor, pageSize);
  const onlySearch = selection.search && !hasOtherFilters(selection);
  const hits = needsIntersection(selection) ? await filteredHits(selection) : null;
  const [total, newerCount, items] = await Promise.all([
    hits ? hits.length : onlySearch ? Promise.resolve(selection.search!.matches) : count(selection),
    // Position comes from counting what is newer than the first entry, so
    // "older"/"newer" links exist exactly when there is something on that side.
    !entries.length
      ? 0
      : hits
        ? Math.max(0, hits.indexOf(entries[0].id))
        : countNewer(selection, entries[0]),
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

/** Search results by relevance: bm25 (title hits weigh more, newer wins ties), paged by number. */
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
    // As in searchPage: above RANK_LIMIT, only the RANK_LIMIT newest-added (highest ids) are ranked.
    const ranked = total <= RANK_LIMIT ? hits : [...hits].sort((a, b) => b - a).slice(0, RANK_LIMIT);
    rows = ranked.length ? await queryRows<{ id: number }>(searchSql().rank(search, ranked, { pageSize, offset })) : [];
  } else {
    if (filters.length) total = toCount((await queryRows<{ total: number | bigint }>(searchSql().count(search, filters)))[0]?.total);
    rows = await queryRows<{ id: number }>(searchSql().page(search, filters, { sort: "relevance", total, pageSize, offset }));
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
