// The one entry point for every timeline view (/, company and source pages,
// feeds): URL params in, validated filters + one page of articles out.
import { companiesNamedIn, companyOptionsByListing } from "./data/companies";
import { getFilterOptions } from "./data/filter-options";
import { chooseArticles, getTimeline, type Scope } from "./data/timeline";
import type { CompanyOption, FilterOptions, TimelinePage } from "./data/types";
import { effectiveSort, parseCursor, parseFilters, type FilterNotice, type Filters, type Labels, type SearchParams } from "./filters";

export type TimelineQuery = {
  filters: Filters;
  notices: FilterNotice[];
  page: TimelinePage;
  options: FilterOptions;
  /** Display names of filter values (a listing id's company name), for chips and feed titles. */
  labels: Labels;
  /** The companies asked for, for the picker. */
  selectedCompanies: CompanyOption[];
  /** Companies the search query names, offered as a company filter. */
  suggestedCompanies: CompanyOption[];
};

export async function queryTimeline(params: SearchParams, scope: Scope = {}, pageSize?: number): Promise<TimelineQuery> {
  const { filters, notices } = parseFilters(params);
  const { cursor, notice } = parseCursor(params);
  if (notice) notices.push(notice);
  const choice = await chooseArticles(filters, scope);
  notices.push(...choice.notices);
  const [page, filterOptions, selectedCompanies, named] = await Promise.all([
    getTimeline(choice, effectiveSort(filters), cursor, pageSize),
    getFilterOptions(),
    companyOptionsByListing(filters.companies),
    filters.q ? companiesNamedIn([filters.q, ...filters.q.split(/\s+/)]) : Promise.resolve([]),
  ]);
  const suggestedCompanies = named.filter((c) => !selectedCompanies.some((s) => s.id === c.id));
  return { filters, notices, page, options: filterOptions, labels: choice.labels, selectedCompanies, suggestedCompanies };
}
