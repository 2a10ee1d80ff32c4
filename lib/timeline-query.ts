// The one entry point for every timeline view (/, company and source pages,
// feeds): URL params in, validated filters + one page of articles out.
import { companiesNamedIn, companyOptions, resolveCompanies } from "./data/companies";
import { getFilterOptions } from "./data/filter-options";
import { getTimeline, type Scope } from "./data/timeline";
import type { CompanyOption, FilterOptions, TimelinePage } from "./data/types";
import { parseCursor, parseFilters, type FilterNotice, type Filters, type SearchParams } from "./filters";

export type TimelineQuery = {
  filters: Filters;
  notices: FilterNotice[];
  page: TimelinePage;
  options: FilterOptions;
  /** Listing id → company name, for the chips of the companies asked for. */
  companyNames: Record<string, string>;
  /** The companies asked for, for the picker. */
  selectedCompanies: CompanyOption[];
  /** Companies the search query names, offered as a company filter. */
  suggestedCompanies: CompanyOption[];
};

export async function queryTimeline(params: SearchParams, scope: Scope = {}, pageSize?: number): Promise<TimelineQuery> {
  const { filters, notices } = parseFilters(params);
  const { cursor, notice } = parseCursor(params);
  if (notice) notices.push(notice);
  const [{ found, unknown }, page, options] = await Promise.all([
    resolveCompanies(filters.companies),
    getTimeline(filters, cursor, scope, pageSize),
    getFilterOptions(),
  ]);
  // Unknown ids stay in the filters: they match nothing, so the result never widens.
  for (const id of unknown) notices.push({ param: "company", value: id, reason: "没有这家公司的文章" });
  if (filters.source && !options.sources.some((s) => s.name === filters.source)) {
    notices.push({ param: "source", value: filters.source, reason: "没有这个来源的文章" });
  }
  const companyNames = Object.fromEntries(found.map((c) => [c.listingId, c.name]));
  const [selectedCompanies, named] = await Promise.all([
    companyOptions([...new Set(found.map((c) => c.id))]),
    filters.q ? companiesNamedIn([filters.q, ...filters.q.split(/\s+/)]) : Promise.resolve([]),
  ]);
  const suggestedCompanies = named.filter((c) => !selectedCompanies.some((s) => s.id === c.id));
  return { filters, notices, page, options, companyNames, selectedCompanies, suggestedCompanies };
}
