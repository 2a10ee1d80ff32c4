import type { Metadata } from "next";
import { hasFilters, parseFilters, serializeFilters, type SearchParams } from "./filters";

/** Canonical URL and feed links (with the same filters) for a timeline page. */
export function timelineMetadata(basePath: string, params: SearchParams, title?: string, description?: string): Metadata {
  const { filters } = parseFilters(params);
  const query = serializeFilters(filters);
  return {
    ...(title ? { title } : {}),
    ...(description ? { description } : {}),
    alternates: {
      canonical: `${basePath}${query}`,
      types: {
        "application/atom+xml": [{ url: `/feed.xml${query}`, title: hasFilters(filters) ? "当前筛选的 Atom 订阅" : "Atom 订阅" }],
        "application/feed+json": [{ url: `/feed.json${query}`, title: hasFilters(filters) ? "当前筛选的 JSON Feed" : "JSON Feed" }],
      },
    },
    ...(params.before || params.after ? { robots: { index: false, follow: true } } : {}),
  };
}
