// The URLs a watchlist lives at. The timeline and feeds are the existing
// company filter, written canonically by lib/routes.ts (ids sorted): one URL
// per list, so one response-cache entry however the reader ordered it.
import { isListingId } from "../companies/ids";
import { NO_FILTERS, withFilters } from "../filters";
import { feedHref, filterHref, type FeedFormat } from "../routes";

const sortedIds = (ids: readonly string[]) => [...new Set(ids)].sort().join(",");
const followed = (ids: readonly string[]) => withFilters(NO_FILTERS, { companies: [...new Set(ids)].sort() });

/** The followed companies' timeline: `/?company=a,b,c`. */
export function watchlistTimelineHref(ids: readonly string[]): string {
  return ids.length ? filterHref("/", followed(ids)) : "/watchlist";
}

export function watchlistFeedHref(format: FeedFormat, ids: readonly string[]): string {
  return feedHref(format, followed(ids));
}

/**
 * A link that offers these companies to whoever opens it (nothing is stored
 * until they accept). The list rides in the fragment, which never reaches the
 * server: /watchlist stays one page, one cache entry, for everyone.
 */
export function shareHref(ids: readonly string[]): string {
  return `/watchlist#follow=${sortedIds(ids)}`;
}

/** Company ids a link names: `?company=a,b` (filters, feeds), `#follow=a,b` (share links), `…/companies/<id>`. */
export function companyIdsInLink(link: string): string[] {
  let url: URL;
  try {
    url = new URL(link, "http://finews.invalid");
  } catch {
    return [];
  }
  const queries = [url.searchParams, new URLSearchParams(url.hash.slice(1))];
  const ids = queries.flatMap((p) => ["company", "follow"].flatMap((key) => p.getAll(key).flatMap((value) => value.split(/[,\s]+/))));
  const page = /\/companies\/([^/?#]+)\/?$/.exec(url.pathname);
  if (page) ids.push(safeDecode(page[1]));
  return [...new Set(ids.map((id) => id.trim().toLowerCase()).filter(isListingId))];
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
