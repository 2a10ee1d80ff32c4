// URL filters shared by /, company and source pages, /feed.json and /feed.xml.
// The URL is the state: parse → validate → serialize round-trips, and the
// serialized form is canonical (sorted, deduplicated, in declaration order).
// Each filter is declared once (./declaration.ts); adding one is a
// declaration here plus its control in the filter bar.
import { companyFilter } from "./company";
import { datesFilter } from "./dates";
import type { Chip, FilterDeclaration, Labels } from "./declaration";
import { marketFilter } from "./market";
import { readParam, type FilterNotice, type SearchParams } from "./params";
import { searchFilter } from "./search";
import { sortFilter } from "./sort";
import { sourceFilter } from "./source";

/** Every filter, in the order its parameters appear in canonical URLs. */
export const FILTERS = [companyFilter, marketFilter, datesFilter, sourceFilter, searchFilter, sortFilter] as const;

type ValueOf<D> = D extends FilterDeclaration<infer V> ? V : never;
type Intersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

export type Filters = Intersection<ValueOf<(typeof FILTERS)[number]>> & {
  /**
   * A filter value could not be used (an unreadable date, an over-long text,
   * only invalid company codes): the result is empty rather than wider than asked. Not serialized.
   */
  matchesNothing?: boolean;
};

type AnyDeclaration = FilterDeclaration<object>;
const declarations = FILTERS as readonly AnyDeclaration[];

/** A declaration's own part of the filters (its value), from the whole. */
export function valueOf<V extends object>(declaration: FilterDeclaration<V>, filters: Partial<Filters>): V {
  const value = { ...declaration.parse(() => null).value };
  for (const key of Object.keys(value))
    if (key in filters) (value as Record<string, unknown>)[key] = (filters as Record<string, unknown>)[key];
  return value;
}

/** Does `partial` set any field of this declaration's value? */
export function mentions(declaration: AnyDeclaration, partial: Partial<Filters>): boolean {
  return Object.keys(declaration.parse(() => null).value).some((key) => key in partial);
}

export function parseFilters(params: SearchParams): { filters: Filters; notices: FilterNotice[] } {
  const read = (param: string) => readParam(params, param);
  const notices: FilterNotice[] = [];
  let filters = {} as Filters;
  for (const declaration of declarations) {
    const parsed = declaration.parse(read);
    notices.push(...parsed.notices);
    filters = { ...filters, ...parsed.value };
    if (parsed.matchesNothing) filters.matchesNothing = true;
  }
  return { filters, notices };
}

/** No filter at all. */
export const NO_FILTERS: Filters = parseFilters({}).filters;

/** The canonical [param, value] pairs of these filters. */
export function filterPairs(filters: Filters): [string, string][] {
  return declarations.flatMap((d) => d.serialize(valueOf(d, filters), filters));
}

/** Canonical query string ("" when no filter). Extra keys (cursor…) come after the filters. */
export function serializeFilters(filters: Filters, extra: Record<string, string | null | undefined> = {}): string {
  const params = new URLSearchParams(filterPairs(filters));
  for (const [key, value] of Object.entries(extra)) if (value) params.set(key, value);
  // Commas stay readable: no value of a declared filter is ambiguous with them unescaped.
  const query = params.toString().replace(/%2C/g, ",");
  return query ? `?${query}` : "";
}

export function hasFilters(filters: Filters): boolean {
  return declarations.some((d) => d.isSet(valueOf(d, filters)));
}

export function withFilters(filters: Filters, change: Partial<Filters>): Filters {
  return { ...filters, ...change };
}

/** The active filters as chips, each with the filters that remain without it. */
export function filterChips(filters: Filters, labels: Labels): { label: string; filters: Filters }[] {
  return declarations.flatMap((d) =>
    d.chips(valueOf(d, filters), labels).map((chip: Chip) => ({ label: chip.label, filters: withFilters(filters, chip.remove) })),
  );
}

/** Ways to widen an empty result: one per active filter that offers it. */
export function widenings(filters: Filters): { label: string; filters: Filters }[] {
  return declarations.flatMap((d) =>
    d.widen && d.isSet(valueOf(d, filters)) ? [{ label: d.widen.label, filters: withFilters(filters, d.widen.remove) }] : [],
  );
}

/** The filters in words, one part per active filter ("公司：快手", "日期：…"). */
export function describeFilters(filters: Filters, labels: Labels): string[] {
  return declarations.flatMap((d) => d.describe(valueOf(d, filters), labels) ?? []);
}

/** Filtered timelines worth a sitemap entry. */
export function filterLandings(): Filters[] {
  return declarations.flatMap((d) => (d.landings ?? []).map((landing) => withFilters(NO_FILTERS, landing)));
}

export { companyFilter, toggleCompany, MAX_COMPANIES } from "./company";
export { marketFilter, marketGroups, MARKET_GROUPS, MARKETS } from "./market";
export { datesFilter } from "./dates";
export { sourceFilter } from "./source";
export { searchFilter } from "./search";
export { sortFilter, effectiveSort, type SortOrder } from "./sort";
export { MAX_TEXT } from "./text";
export { formatCursor, parseCursor, MAX_PAGE, PAGING_PARAMS, type Cursor } from "./paging";
export { readParam, searchParamsFrom, type FilterNotice, type SearchParams } from "./params";
export type { ArticleCondition, FilterDb, FilterDeclaration, FilterSelection, Labels } from "./declaration";
