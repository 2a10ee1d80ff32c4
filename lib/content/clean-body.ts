import * as cheerio from "cheerio/slim";
import MarkdownIt from "markdown-it";
import sanitizeHtml from "sanitize-html";
import { listingIdFromEastmoney, SECTOR_BOARD_MARKET } from "../companies/ids";
import { toHttps } from "./stock-charts";

// Jekyll posts are Markdown with raw HTML inside (kramdown renders both), and
// the Markdown posts are plain Markdown: one renderer with HTML enabled covers
// both. Everything it emits goes through the sanitizer below.
const markdown = new MarkdownIt({ html: true, linkify: false, breaks: false });

const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li",
    "strong", "b", "em", "i", "u", "s", "del", "sup", "sub", "code", "pre",
    "a", "img", "figure", "figcaption",
    "table", "thead", "tbody", "tr", "th", "td",
  ],
  allowedAttributes: {
    a: ["href", "title", "rel", "target"],
    img: ["src", "alt", "title", "width", "height", "loading", "decoding", "referrerpolicy"],
    th: ["colspan", "rowspan"],
    td: ["colspan", "rowspan"],
  },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: { img: ["http", "https"] },
  allowProtocolRelative: false,
  // Tags outside the allowlist are dropped but their text kept (center, span,
  // font…); these ones lose their content too.
  nonTextTags: ["script", "style", "textarea", "option", "noscript", "iframe", "object", "embed", "form", "select", "button", "svg", "math", "template"],
  transformTags: {
    h1: "h2",
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...attribs, href: toHttps(attribs.href ?? ""), rel: "noopener noreferrer nofollow", target: "_blank" },
    }),
    img: (tagName, attribs) => ({
      tagName,
      attribs: {
        ...attribs,
        ...imageSize(attribs),
        src: toHttps(attribs.src ?? ""),
        alt: meaningfulAlt(attribs.alt),
        loading: "lazy",
        decoding: "async",
        referrerpolicy: "no-referrer",
      },
    }),
  },
  exclusiveFilter: (frame) =>
    (frame.tag === "img" && !frame.attribs.src) ||
    (frame.tag === "a" && !frame.attribs.href && !frame.text.trim()) ||
    (frame.tag === "p" && !frame.text.trim() && !frame.mediaChildren.length),
};

// dfcfw image URLs carry their size ("…_w800h555.jpg"): explicit dimensions keep the layout still while they load.
function imageSize(attribs: sanitizeHtml.Attributes): sanitizeHtml.Attributes {
  const m = /_w(\d{2,4})h(\d{2,4})\.\w+$/.exec(attribs.src ?? "");
  return m && !attribs.height ? { width: m[1], height: m[2] } : {};
}

// The CMS fills alt with placeholders ("Image") or file names ("12.jpg"); those say nothing.
function meaningfulAlt(alt: string | undefined): string {
  const text = (alt ?? "").trim();
  return /^(image|图片)$/i.test(text) || /\.(jpe?g|png|gif|webp|bmp)$/i.test(text) ? "" : text;
}

export type CleanBody = {
  html: string;
  text: string;
  outletFromFooter: string | null;
  inlineStockNames: Record<string, string>;
};

/**
 * Renders a post body (Markdown with embedded HTML) to the reader's one safe
 * HTML dialect, removing the site's filler: hidden paragraphs, the
 * （文章来源：X） line (returned as `outletFromFooter`) and inline ad links.
 */
export function cleanBody(source: string): CleanBody {
  const $ = cheerio.load(markdown.render(source), null, false);

  $("[style]").filter((_, el) => /display\s*:\s*none/i.test($(el).attr("style") ?? "")).remove();

  let outletFromFooter: string | null = null;
  $("p.em_media, p").each((_, el) => {
    const m = /^（文章来源：\s*(.+?)\s*）$/.exec($(el).text().trim());
    if (m) {
      outletFromFooter ??= m[1];
      $(el).remove();
    }
  });
  const inlineStockNames: Record<string, string> = {};
  $("a.keytip[data-code]").each((_, el) => {
    const [market, code] = ($(el).attr("data-code") ?? "").split(",");
    const id = market && code ? listingIdFromEastmoney(market, code) : null;
    const name = $(el).text().trim();
    if (id && name && market !== SECTOR_BOARD_MARKET) inlineStockNames[id] ??= name;
  });
  // eastmoney's glossary links (class infokey) point at data pages, not at the story.
  $("a.infokey").each((_, el) => {
    $(el).replaceWith($(el).text());
  });
  // Images carry their width in attributes only when the site set them; drop
  // a bogus "orginial_src" and keep the real src.
  $("img").removeAttr("orginial_src");

  const html = sanitizeHtml($.html(), SANITIZE_OPTIONS).trim();
  return { html, text: htmlToText(html), outletFromFooter, inlineStockNames };
}

const BLOCK_TAGS = "p, br, li, h2, h3, h4, h5, h6, blockquote, pre, tr, figcaption, hr";

/** Plain text of sanitized HTML, one line per block. */
export function htmlToText(html: string): string {
  const $ = cheerio.load(html, null, false);
  $(BLOCK_TAGS).each((_, el) => {
    $(el).after("\n");
  });
  return $.root()
    .text()
    .split("\n")
    .map((line) => line.replace(/[\s\u00a0\u3000]+/g, " ").trim())
    .filter(Boolean)
    .join("\n");
}
