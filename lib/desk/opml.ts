// A watchlist as OPML: one Atom feed per company, as feed readers import them
// (FreshRSS, Miniflux, Feedly read <outline type="rss" xmlUrl=…>), and back.
import { NO_FILTERS, withFilters } from "../filters";
import { companyHref, feedHref } from "../routes";
import { companyIdsInLink } from "./links";

export type OpmlCompany = { id: string; name: string };

const escapeXml = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[ch]!);

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const unescapeXml = (text: string) =>
  text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
    if (name[0] === "#") {
      const code = name[1].toLowerCase() === "x" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return ENTITIES[name.toLowerCase()] ?? entity;
  });

/** An OPML 2.0 document: a folder named `title` with one Atom feed per company (`siteUrl` without a trailing slash). */
export function buildOpml({ title, siteUrl, companies }: { title: string; siteUrl: string; companies: readonly OpmlCompany[] }): string {
  const outlines = companies.map(({ id, name }) => {
    const xmlUrl = `${siteUrl}${feedHref("atom", withFilters(NO_FILTERS, { companies: [id] }))}`;
    const htmlUrl = `${siteUrl}${companyHref(id)}`;
    return `      <outline type="rss" text="${escapeXml(name)}" title="${escapeXml(name)}" xmlUrl="${escapeXml(xmlUrl)}" htmlUrl="${escapeXml(htmlUrl)}"/>`;
  });
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<opml version="2.0">`,
    `  <head>`,
    `    <title>${escapeXml(title)}</title>`,
    `  </head>`,
    `  <body>`,
    `    <outline text="${escapeXml(title)}" title="${escapeXml(title)}">`,
    ...outlines,
    `    </outline>`,
    `  </body>`,
    `</opml>`,
    ``,
  ].join("\n");
}

export function isOpml(text: string): boolean {
  return /<opml[\s>]/i.test(text.slice(0, 2000));
}

/**
 * The companies an OPML file's feeds are about: feeds whose URL names company
 * ids (`?company=…`, `/companies/<id>`), in order; other feeds are counted, not guessed at.
 */
export function parseOpml(text: string): { ids: string[]; names: Record<string, string>; otherFeeds: number } {
  const ids: string[] = [];
  const names: Record<string, string> = {};
  let otherFeeds = 0;
  for (const [tag] of text.matchAll(/<outline\b[^>]*>/gi)) {
    const attributes: Record<string, string> = {};
    for (const m of tag.matchAll(/([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attributes[m[1].toLowerCase()] = unescapeXml(m[2] ?? m[3]);
    const links = [attributes.xmlurl, attributes.htmlurl].filter(Boolean);
    if (!links.length) continue;
    const found = [...new Set(links.flatMap(companyIdsInLink))];
    if (!found.length) {
      if (attributes.xmlurl) otherFeeds++;
      continue;
    }
    for (const id of found) {
      if (ids.includes(id)) continue;
      ids.push(id);
      const name = attributes.title || attributes.text;
      if (name && found.length === 1) names[id] = name;
    }
  }
  return { ids, names, otherFeeds };
}
