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
import { xmlSafeText } from "./xml-text";

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

/** What an Atom document says about itself; built from the query, pure data. */
export type AtomHead = { id: string; title: string; description: string; link: string; updated: Date; atomUrl: string; jsonUrl: string };
/** One Atom entry; `html` is the sanitized body. */
export type AtomEntry = {
  url: string;
  title: string;
  excerpt: string;
  html: string;
  publishedAt: Date;
  source: string;
  companies: { id: string; name: string }[];
};

// The `feed` library writes titles, summaries and bodies as HTML in CDATA and
// escapes only the first "]]>" in each; it writes other text through xml-js,
// which turns "&amp;" back into "&" before escaping, and escapes only & and "
// in attributes. What goes in is prepared so that any text gives well-formed
// XML that reads back as that text.

/** Plain text as HTML (the library marks titles and summaries type="html"); with > escaped, no "]]>" is left. */
const asHtml = (text: string) => xmlSafeText(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
/** HTML for a CDATA section: "]]&gt;" means the same in HTML and cannot end the section. */
const inCdata = (html: string) => xmlSafeText(html).replaceAll("]]>", "]]&gt;");
/** Text the library writes as an element's text: "&" goes in as "&amp;", which it unescapes and escapes again. */
const asText = (text: string) => xmlSafeText(text).replace(/&/g, "&amp;");
/** An attribute value: XML allows no "<" there and the library does not escape it; a label loses nothing by it. */
const asAttribute = (text: string) => xmlSafeText(text).replace(/</g, "");

/** The Atom document for these entries: well-formed for any text in them. */
export function atomXml(head: AtomHead, entries: AtomEntry[]): string {
  const feed = new Feed({
    id: asText(head.id),
    title: asText(head.title),
    description: asText(head.description),
    link: head.link,
    language: "zh-CN",
    updated: head.updated,
    generator: SITE_NAME,
    feedLinks: { atom: head.atomUrl, json: head.jsonUrl },
    copyright: "版权归原作者所有",
  });
  for (const entry of entries) {
    feed.addItem({
      id: entry.url,
      link: entry.url,
      title: asHtml(entry.title),
      description: asHtml(entry.excerpt),
      content: inCdata(entry.html),
      date: entry.publishedAt,
      published: entry.publishedAt,
      author: [{ name: asText(entry.source) }],
      category: entry.companies.map((c) => ({ term: asAttribute(c.id), name: asAttribute(c.name) })),
    });
  }
  return feed.atom1();
}

export async function atomFeed(url: URL): Promise<string> {
  const query = await feedQuery(url);
  const html = await getArticleBodies(query.page.items.map((a) => a.id));
  return atomXml(
    {
      id: `${siteUrl()}${feedHref("atom", query.filters)}`,
      title: title(query),
      description: describe(query),
      link: `${siteUrl()}${filterHref("/", query.filters)}`,
      updated: query.page.items[0]?.publishedAt ?? new Date(0),
      atomUrl: `${siteUrl()}${feedHref("atom", query.filters)}`,
      jsonUrl: `${siteUrl()}${feedHref("json", query.filters)}`,
    },
    query.page.items.map((article) => ({
      url: articleUrl(article),
      title: article.title,
      excerpt: article.excerpt,
      html: html.get(article.id) ?? "",
      publishedAt: article.publishedAt,
      source: article.source,
      companies: article.companies,
    })),
  );
}
