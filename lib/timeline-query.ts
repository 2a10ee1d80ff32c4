// The one entry point for every timeline view (/, company and source pages,
// feeds): URL params in, validated filters + one page of articles out.
import { getFilterOptions, getTimeline, resolveCompanies, type FilterOptions, type Scope, type TimelinePage } from "./data";
import { parseCursor, parseFilters, type FilterNotice, type Filters, type SearchParams } from "./filters";

export type TimelineQuery = {
  filters: Filters;
  notices: FilterNotice[];
  page: TimelinePage;
  options: FilterOptions;
  companyNames: Record<string, string>;
};

export async function queryTimeline(params: SearchParams, scope: Scope = {}, pageSize?: number): Promise<TimelineQuery> {
  const { filters: parsed, notices } = parseFilters(params);
  const { cursor, notice } = parseCursor(params);
  if (notice) notices.push(notice);
  const { found, unknown } = await resolveCompanies(parsed.companies);
  for (const id of unknown) notices.push({ param: "company", value: id, reason: "没有这家公司的文章" });
  const filters = { ...parsed, companies: parsed.companies.filter((id) => !unknown.includes(id)) };
  const [page, options] = await Promise.all([getTimeline(filters, cursor, scope, pageSize), getFilterOptions()]);
  if (parsed.source && !options.sources.some((s) => s.name === parsed.source)) {
    notices.push({ param: "source", value: parsed.source, reason: "没有这个来源的文章" });
  }
  const companyNames = Object.fromEntries(found.map((c) => [c.listingId, c.name]));
  return { filters, notices, page, options, companyNames };
}
