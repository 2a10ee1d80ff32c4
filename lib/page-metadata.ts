import type { Metadata } from "next";
import { hasFilters, parseCursor, parseFilters, type Filters, type SearchParams } from "./filters";
import { feedHref, filterHref } from "./routes";

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
  const { cursor } = parseCursor(params);
  const feedFilters = { ...filters, ...scope };
  return {
    ...(title ? { title } : {}),
    ...(description ? { description } : {}),
    alternates: {
      canonical: filterHref(basePath, filters),
      types: {
        "application/atom+xml": [
          { url: feedHref("atom", feedFilters), title: hasFilters(feedFilters) ? "当前筛选的 Atom 订阅" : "Atom 订阅" },
        ],
        "application/feed+json": [
          { url: feedHref("json", feedFilters), title: hasFilters(feedFilters) ? "当前筛选的 JSON Feed" : "JSON Feed" },
        ],
      },
    },
    // Keyset pages shift as articles arrive: search engines should index the first page only.
    ...(cursor && "direction" in cursor ? { robots: { index: false, follow: true } } : {}),
  };
}
