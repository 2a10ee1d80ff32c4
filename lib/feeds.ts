// /feed.json (JSON Feed 1.1) and /feed.xml (Atom) for any filter combination.
// JSON Feed is plain JSON, built here; Atom's XML goes through the `feed` library.
import { Feed } from "feed";
import { getArticleBodies } from "./data/articles";
import type { ArticleSummary } from "./data/types";
import { toBeijingIso } from "./dates";
import { describeFilters, hasFilters, searchParamsFrom } from "./filters";
import { articleHref, feedHref, filterHref } from "./routes";
import { SITE_DESCRIPTION, SITE_NAME, siteUrl } from "./site";
import { queryTimeline, type TimelineQuery } from "./timeline-query";

export const FEED_PAGE_SIZE = 50;

function describe(query: TimelineQuery): string {
  if (!hasFilters(query.filters)) return SITE_DESCRIPTION;
  return `${SITE_NAME}筛选结果（${describeFilters(query.filters, query.labels).join("；")}）`;
}

const title = (query: TimelineQuery) => (hasFilters(query.filters) ? `${SITE_NAME} · ${describe(query)}` : SITE_NAME);
const articleUrl = (article: ArticleSummary) => `${siteUrl()}${articleHref(article.slug)}`;

/** Feeds are newest first whatever the filters (a search included), so readers see what is new. */
function feedQuery(url: URL): Promise<TimelineQuery> {
  const params = searchParamsFrom(url.searchParams);
  return queryTimeline({ ...params, sort: "time", page: undefined }, {}, FEED_PAGE_SIZE);
}

export async function jsonFeed(url: URL) {
  const query = await feedQuery(url);
  const html = await getArticleBodies(query.page.items.map((a) => a.id));
  return {
    version: "https://jsonfeed.org/version/1.1",
    title: title(query),
    home_page_url: `${siteUrl()}${filterHref("/", query.filters)}`,
    feed_url: `${siteUrl()}${feedHref("json", query.filters)}`,
    description: describe(query),
    language: "zh-CN",
    ...(query.page.older ? { next_url: `${siteUrl()}${feedHref("json", query.filters, query.page.older)}` } : {}),
    ...(query.notices.length ? { _finews: { ignored: query.notices } } : {}),
    items: query.page.items.map((article) => ({
      id: articleUrl(article),
      url: articleUrl(article),
      title: article.title,
      summary: article.excerpt,
      content_html: html.get(article.id) ?? "",
      date_published: toBeijingIso(article.publishedAt),
      authors: [{ name: article.source }],
      tags: article.companies.map((c) => c.name),
      language: "zh-CN",
      ...(article.charts[0] ? { image: article.charts[0].imageUrl } : {}),
      _finews: { companies: article.companies.map((c) => c.id), source: article.source },
    })),
  };
}

export async function atomFeed(url: URL): Promise<string> {
  const query = await feedQuery(url);
  const html = await getArticleBodies(query.page.items.map((a) => a.id));
  const feed = new Feed({
    id: `${siteUrl()}${feedHref("atom", query.filters)}`,
    title: title(query),
    description: describe(query),
    link: `${siteUrl()}${filterHref("/", query.filters)}`,
    language: "zh-CN",
    updated: query.page.items[0]?.publishedAt ?? new Date(0),
    generator: SITE_NAME,
    feedLinks: { atom: `${siteUrl()}${feedHref("atom", query.filters)}`, json: `${siteUrl()}${feedHref("json", query.filters)}` },
    copyright: "版权归原作者所有",
  });
  for (const article of query.page.items) {
    feed.addItem({
      id: articleUrl(article),
      link: articleUrl(article),
      title: article.title,
      description: article.excerpt,
      content: html.get(article.id) ?? "",
      date: article.publishedAt,
      published: article.publishedAt,
      author: [{ name: article.source }],
      category: article.companies.map((c) => ({ term: c.id, name: c.name })),
    });
  }
  return feed.atom1();
}
