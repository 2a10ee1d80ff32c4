// Every internal link is built here: article, company and source pages, the
// timeline and feeds with filters. Nothing else assembles a path.
import { NO_FILTERS, serializeFilters, type Filters } from "./filters";

type Extra = Record<string, string | null | undefined>;

/** `/articles/<slug>`, the stable article URL; `section` is an anchor on the page ("charts"). */
export function articleHref(slug: string, section?: string): string {
  return `/articles/${encodeURIComponent(slug)}${section ? `#${section}` : ""}`;
}

/** A company page by its primary listing id, optionally with filters on its timeline. */
export function companyHref(companyId: string, filters?: Filters, extra?: Extra): string {
  return filterHref(`/companies/${encodeURIComponent(companyId)}`, filters, extra);
}

/** A source page by the source's name. */
export function sourceHref(name: string, filters?: Filters, extra?: Extra): string {
  return filterHref(`/sources/${encodeURIComponent(name)}`, filters, extra);
}

/** The link to a timeline (`/`, a company or source page) with these filters, then paging or other extra keys. */
export function filterHref(basePath: string, filters: Filters = NO_FILTERS, extra: Extra = {}): string {
  return `${basePath}${serializeFilters(filters, extra)}`;
}

export type FeedFormat = "json" | "atom";

/** `/feed.json` or `/feed.xml` for these filters. */
export function feedHref(format: FeedFormat, filters?: Filters, extra?: Extra): string {
  return filterHref(format === "json" ? "/feed.json" : "/feed.xml", filters, extra);
}

/** The company directory, optionally one market's tab and a search. */
export function companyIndexHref(options: { market?: string | null; q?: string | null } = {}): string {
  const params = new URLSearchParams();
  if (options.market) params.set("market", options.market);
  if (options.q) params.set("q", options.q);
  const query = params.toString().replace(/%2C/g, ",");
  return `/companies${query ? `?${query}` : ""}`;
}

/** A path segment decoded, or null when its percent-encoding is malformed (a 404, not a 500). */
export function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
