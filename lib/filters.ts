// URL filters shared by /, company and source pages, /feed.json and /feed.xml.
// The URL is the state: parse → validate → serialize round-trips, and the
// serialized form is canonical (sorted, deduplicated), so it doubles as a cache key.
import { parseBeijingDay } from "./dates";
import { isListingId } from "./companies/ids";

export type SortOrder = "relevance" | "time";

export type Filters = {
  /** Listing ids (hk01024, usbaba…): an article matches if it is linked to any of them. */
  companies: string[];
  from: string | null;
  to: string | null;
  source: string | null;
  q: string | null;
  /** Explicit order; null means the default (relevance with `q`, else time). */
  sort: SortOrder | null;
  /**
   * A filter value could not be used (an unreadable date, an over-long text, only
   * invalid company codes): the result is empty rather than wider than asked. Not serialized.
   */
  matchesNothing?: boolean;
};

/** The order a timeline is shown in: relevance only makes sense for a search. */
export function effectiveSort(filters: Filters): SortOrder {
  return filters.q ? (filters.sort ?? "relevance") : "time";
}

export type SearchParams = Record<string, string | string[] | undefined>;

/** URLSearchParams as the plain object pages receive (repeated keys become arrays). */
export function searchParamsFrom(params: URLSearchParams): SearchParams {
  const out: SearchParams = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    out[key] = values.length > 1 ? values : values[0];
  }
  return out;
}

export const MAX_COMPANIES = 50;
export const MAX_TEXT = 100;

/** A value the reader asked for but that cannot be used: shown as a notice, then ignored. */
export type FilterNotice = { param: string; value: string; reason: string };

function single(params: SearchParams, key: string): string | null {
  const value = params[key];
  const text = (Array.isArray(value) ? value.join(",") : value)?.trim();
  return text ? text : null;
}

export function parseFilters(params: SearchParams): { filters: Filters; notices: FilterNotice[] } {
  const notices: FilterNotice[] = [];
  let matchesNothing = false;
  const companies = new Set<string>();
  const dropped: string[] = [];
  let invalidCompanies = 0;
  for (const raw of (single(params, "company") ?? "").split(/[,\s]+/).filter(Boolean)) {
    const id = raw.toLowerCase();
    if (!isListingId(id)) {
      invalidCompanies++;
      if (notices.length < 5)
        notices.push({ param: "company", value: raw.slice(0, 40), reason: "不是有效的公司代码（例如 hk01024、sh600519）" });
    } else if (companies.size >= MAX_COMPANIES) dropped.push(raw);
    else companies.add(id);
  }
  if (invalidCompanies && !companies.size) matchesNothing = true;
  if (dropped.length) {
    notices.push({
      param: "company",
      value: dropped.slice(0, 3).join(",") + (dropped.length > 3 ? "…" : ""),
      reason: `一次最多筛选 ${MAX_COMPANIES} 家公司，其余 ${dropped.length} 家未计入`,
    });
  }
  const day = (key: "from" | "to") => {
    const raw = single(params, key);
    if (!raw) return null;
    const parsed = parseBeijingDay(raw);
    if (!parsed) {
      notices.push({ param: key, value: raw.slice(0, 40), reason: "日期格式应为 YYYY-MM-DD" });
      matchesNothing = true;
    }
    return parsed;
  };
  const from = day("from");
  const to = day("to");
  if (from && to && from > to) notices.push({ param: "to", value: to, reason: `结束日期早于开始日期 ${from}` });
  const text = (key: "source" | "q") => {
    const raw = single(params, key);
    if (raw && Array.from(raw).length > MAX_TEXT) {
      notices.push({ param: key, value: raw.slice(0, 20) + "…", reason: `超过 ${MAX_TEXT} 个字符` });
      matchesNothing = true;
      return null;
    }
    return raw;
  };
  const rawSort = single(params, "sort");
  let sort: SortOrder | null = null;
  if (rawSort === "relevance" || rawSort === "time") sort = rawSort;
  else if (rawSort) notices.push({ param: "sort", value: rawSort, reason: "排序只能是 relevance（相关度）或 time（时间）" });
  const source = text("source");
  const q = text("q");
  const filters: Filters = { companies: [...companies].sort(), from, to, source, q, sort };
  if (matchesNothing) filters.matchesNothing = true;
  return { filters, notices };
}

/** Canonical query string ("" when no filter). Extra keys (cursor…) come after the filters. */
export function serializeFilters(filters: Filters, extra: Record<string, string | null | undefined> = {}): string {
  const params = new URLSearchParams();
  if (filters.companies.length) params.set("company", [...filters.companies].sort().join(","));
  if (filters.from) params.set("from", filters.from);
  if (filters.to) params.set("to", filters.to);
  if (filters.source) params.set("source", filters.source);
  if (filters.q) params.set("q", filters.q);
  if (filters.sort && filters.q) params.set("sort", filters.sort);
  for (const [key, value] of Object.entries(extra)) if (value) params.set(key, value);
  const query = params.toString().replace(/%2C/g, ",");
  return query ? `?${query}` : "";
}

/** The link to `basePath` with these filters (and paging or other extra keys): the one way pages build filter URLs. */
export function filterHref(basePath: string, filters: Filters, extra: Record<string, string | null | undefined> = {}): string {
  return `${basePath}${serializeFilters(filters, extra)}`;
}

export function hasFilters(filters: Filters): boolean {
  return filters.companies.length > 0 || !!filters.from || !!filters.to || !!filters.source || !!filters.q;
}

/**
 * The same filters with a company added, or removed when any of its listings
 * is selected (hk02338 selects 潍柴动力 as well as sz000338 does).
 */
export function toggleCompany(filters: Filters, company: { id: string; listings?: string[] }): Filters {
  const listings = company.listings ?? [company.id];
  const others = filters.companies.filter((id) => !listings.includes(id));
  const companies = others.length < filters.companies.length ? others : [...filters.companies, company.id];
  return { ...filters, companies: companies.sort() };
}

export function withFilters(filters: Filters, change: Partial<Filters>): Filters {
  return { ...filters, ...change };
}

/**
 * Timeline paging. In time order a cursor names the last entry seen, so pages
 * stay stable when articles arrive; search results in relevance order page by number.
 */
export type Cursor = { publishedAt: Date; id: number; direction: "older" | "newer" } | { page: number };

/** Relevance pages stop here: nobody reads the 250th page of a ranking, and deep offsets cost. */
export const MAX_PAGE = 250;

export function parseCursor(params: SearchParams): { cursor: Cursor | null; notice: FilterNotice | null } {
  for (const [key, direction] of [
    ["before", "older"],
    ["after", "newer"],
  ] as const) {
    const raw = single(params, key);
    if (!raw) continue;
    const m = /^(\d{1,15})-(\d{1,10})$/.exec(raw);
    if (!m) return { cursor: null, notice: { param: key, value: raw.slice(0, 40), reason: "无效的翻页位置" } };
    return { cursor: { publishedAt: new Date(Number(m[1])), id: Number(m[2]), direction }, notice: null };
  }
  const page = single(params, "page");
  if (page) {
    const n = /^\d{1,4}$/.test(page) ? Number(page) : 0;
    if (n < 1 || n > MAX_PAGE)
      return { cursor: null, notice: { param: "page", value: page.slice(0, 40), reason: `页码应为 1–${MAX_PAGE}` } };
    return { cursor: n > 1 ? { page: n } : null, notice: null };
  }
  return { cursor: null, notice: null };
}

export function formatCursor(entry: { publishedAt: Date; id: number }): string {
  return `${entry.publishedAt.getTime()}-${entry.id}`;
}

/** A path segment decoded, or null when its percent-encoding is malformed (a 404, not a 500). */
export function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
