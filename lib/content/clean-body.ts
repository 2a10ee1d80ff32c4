import * as cheerio from "cheerio/slim";
import { Parser } from "htmlparser2";
import MarkdownIt from "markdown-it";
import sanitizeHtml from "sanitize-html";
import { listingIdFromEastmoney, SECTOR_BOARD_MARKET } from "../companies/ids";
import { xmlSafeText } from "../xml-text";
import { formatNumber, LimitExceeded, MAX_HTML_TAGS } from "./limits";
import { toHttps } from "./stock-charts";

// Jekyll posts are Markdown with raw HTML inside (kramdown renders both), and
// the Markdown posts are plain Markdown: one renderer with HTML enabled covers
// both. Everything it emits goes through the sanitizer below.
const markdown = new MarkdownIt({ html: true, linkify: false, breaks: false });

const FOOTER = /^（文章来源：\s*(.+?)\s*）$/;
const LINK_TARGET = /^(https?:\/\/|mailto:)/i;
const hasClass = (attribs: sanitizeHtml.Attributes, name: string) => (attribs.class ?? "").split(/\s+/).includes(name);

/**
 * The sanitizer's options for one body. Besides the allowlist, its hooks
 * drop the source footer and note what the body says in the same pass, so
 * most bodies are parsed once (see cleanBody).
 */
function sanitizeOptions(found: { outletFromFooter: string | null; inlineStockNames: Record<string, string> }): sanitizeHtml.IOptions {
  // The sanitizer deletes attributes it does not allow from an element's
  // attribs before the element closes; its data-code is kept here, by the
  // attribs object the element keeps.
  const stockCodes = new WeakMap<sanitizeHtml.Attributes, string>();
  return {
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
    nonTextTags: [
      "script", "style", "textarea", "option", "noscript", "iframe", "object", "embed", "form", "select", "button", "svg", "math", "template",
    ],
    transformTags: {
      h1: "h2",
      a: (tagName, attribs) => {
        // Only absolute web and mail links lead anywhere from here: a relative one meant the source's own site.
        const href = toHttps(attribs.href ?? "");
        const kept = { ...attribs, href: LINK_TARGET.test(href) ? href : "", rel: "noopener noreferrer nofollow", target: "_blank" };
        const dataCode = stockLinkCode(attribs);
        if (dataCode !== undefined) stockCodes.set(kept, dataCode);
        return { tagName, attribs: kept };
      },
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
    // Called as each kept element closes, with its text (frame.tag is the name in the source).
    exclusiveFilter: (frame) => {
      if (frame.tag === "p") return takeFooter(frame.text, found) || (!frame.text.trim() && !frame.mediaChildren.length);
      if (frame.tag === "a") {
        const dataCode = stockCodes.get(frame.attribs);
        if (dataCode !== undefined) noteInlineStock(dataCode, frame.text, found.inlineStockNames);
        if (frame.attribs.href) return false;
        // A link whose target was unsafe (javascript:…) or relative goes nowhere: its text stays, not as
        // a link. An excluded tag does not pass its text up by itself, and its paragraph would look empty.
        (frame as FrameWithParentText).updateParentNodeText();
        return "excludeTag";
      }
      return frame.tag === "img" && !frame.attribs.src;
    },
  };
}

/** sanitize-html's frames carry this method (used when a tag closes normally); its types leave it out. */
type FrameWithParentText = sanitizeHtml.IFrame & { updateParentNodeText(): void };

/** True for the （文章来源：X） line, whose outlet is noted (the first one counts) and whose paragraph goes. */
function takeFooter(paragraphText: string, found: { outletFromFooter: string | null }): boolean {
  const footer = FOOTER.exec(paragraphText.trim());
  if (footer) found.outletFromFooter ??= footer[1];
  return footer !== null;
}

/** The data-code ("market,code") of an eastmoney inline stock link (class keytip), if these are its attributes. */
function stockLinkCode(attribs: sanitizeHtml.Attributes): string | undefined {
  return hasClass(attribs, "keytip") ? attribs["data-code"] : undefined;
}

/** Longer link text is a sentence, not a company name. */
const MAX_STOCK_NAME_CHARS = 40;

/** eastmoney's inline stock links name the listing their data-code points at. */
function noteInlineStock(dataCode: string, text: string, names: Record<string, string>): void {
  const [market, code] = dataCode.split(",");
  const id = market && code ? listingIdFromEastmoney(market, code) : null;
  const name = xmlSafeText(text).trim();
  if (id && name && [...name].length <= MAX_STOCK_NAME_CHARS && market !== SECTOR_BOARD_MARKET) names[id] ??= name;
}

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
 * HTML dialect, removing the site's filler: hidden elements, the
 * （文章来源：X） line (returned as `outletFromFooter`) and inline ad links.
 * Throws LimitExceeded for a body with more than MAX_HTML_TAGS tags.
 */
export function cleanBody(source: string): CleanBody {
  const found: Pick<CleanBody, "outletFromFooter" | "inlineStockNames"> = { outletFromFooter: null, inlineStockNames: {} };
  let html = markdown.render(source);
  const tags = countTags(html);
  if (tags > MAX_HTML_TAGS) throw new LimitExceeded(`body has ${formatNumber(tags)} HTML tags, over the limit of ${formatNumber(MAX_HTML_TAGS)}`);
  // Most bodies have neither and skip the DOM: parsed once, by the sanitizer,
  // the shared corpus's posts took 430 us a body instead of 1,060.
  if (MAY_NEED_DOM.test(html)) html = withoutHiddenOrGlossaryLinks(html, found);
  const clean = sanitizeHtml(html, sanitizeOptions(found)).trim();
  return { html: clean, text: htmlToText(clean), ...found };
}

const MAY_NEED_DOM = /display|infokey/i;

/** Tags (and comments) in rendered HTML: text's own "<" is escaped by then. */
function countTags(html: string): number {
  let count = 0;
  for (let at = html.indexOf("<"); at !== -1; at = html.indexOf("<", at + 1)) count++;
  return count;
}

/**
 * Removes elements hidden by an inline style (with their content) and unwraps
 * eastmoney's glossary links (class infokey: they point at data pages, not at
 * the story). A DOM does this: the sanitizer cannot drop a disallowed tag
 * with its content by attribute, and renaming one in a transform misnames
 * the next closing tag at its depth (sanitize-html 2.17).
 */
function withoutHiddenOrGlossaryLinks(html: string, found: Pick<CleanBody, "outletFromFooter" | "inlineStockNames">): string {
  const $ = cheerio.load(html, null, false);
  $("[style]")
    .filter((_, el) => /display\s*:\s*none/i.test($(el).attr("style") ?? ""))
    .remove();
  // Footers first: a glossary link around one would otherwise flatten it into plain text.
  $("p").each((_, el) => {
    if (takeFooter($(el).text(), found)) $(el).remove();
  });
  $("a.infokey").each((_, el) => {
    // A glossary link that is also a stock link still names its listing.
    const dataCode = stockLinkCode(el.attribs);
    if (dataCode !== undefined) noteInlineStock(dataCode, $(el).text(), found.inlineStockNames);
    // Its children, not its text: text() decodes &lt;a…&gt;, which replaceWith would parse as markup.
    $(el).replaceWith($(el).contents());
  });
  return $.html();
}

const BLOCK_TAGS = new Set(["p", "br", "li", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr", "figcaption", "hr"]);

/** Plain text of sanitized HTML, one line per block. */
export function htmlToText(html: string): string {
  let text = "";
  const parser = new Parser({
    ontext: (chunk) => {
      text += chunk;
    },
    // Also called right after a void element (br, hr) opens.
    onclosetag: (name) => {
      if (BLOCK_TAGS.has(name)) text += "\n";
    },
  });
  parser.end(html);
  return text
    .split("\n")
    .map((line) => line.replace(/[\s\u00a0\u3000]+/g, " ").trim())
    .filter(Boolean)
    .join("\n");
}
