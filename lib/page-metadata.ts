import type { Metadata } from "next";
import { hasFilters, parseFilters, serializeFilters, type Filters, type SearchParams } from "./filters";

/**
 * Canonical URL and feed links for a timeline page. `scope` is what the page
 * itself fixes (a company page's company, a source page's source), so its
 * feeds carry it alongside the reader's filters.
 */
export function timelineMetadata(
  basePath: string,
  params: SearchParams,
  options: { title?: string; description?: string; scope?: Partial<Filters> } = {},
): Metadata {
  const { title, description, scope = {} } = options;
  const { filters } = parseFilters(params);
  const query = serializeFilters(filters);
  const feedFilters = { ...filters, ...scope };
  const feedQuery = serializeFilters(feedFilters);
  return {
    ...(title ? { title } : {}),
    ...(description ? { description } : {}),
    alternates: {
      canonical: `${basePath}${query}`,
      types: {
        "application/atom+xml": [{ url: `/feed.xml${feedQuery}`, title: hasFilters(feedFilters) ? "当前筛选的 Atom 订阅" : "Atom 订阅" }],
        "application/feed+json": [{ url: `/feed.json${feedQuery}`, title: hasFilters(feedFilters) ? "当前筛选的 JSON Feed" : "JSON Feed" }],
      },
    },
    ...(params.before || params.after ? { robots: { index: false, follow: true } } : {}),
  };
}
