import matter from "gray-matter";
import he from "he";
import * as yaml from "js-yaml";
import { parseSourceDate } from "../dates";
import { xmlSafeText } from "../xml-text";
import { cleanBody } from "./clean-body";
import {
  EARLIEST_PUBLISHED,
  fileTooLarge,
  formatNumber,
  LimitExceeded,
  MAX_FILE_BYTES,
  MAX_FUTURE_MS,
  MAX_HTML_BYTES,
  MAX_SOURCE_CHARS,
  MAX_TEXT_CHARS,
  MAX_TITLE_CHARS,
} from "./limits";
import { extractStockCharts, toHttps, type StockChart } from "./stock-charts";
import { countWords, excerptOf, readingMinutes } from "./text-stats";

export type ParsedArticle = {
  slug: string;
  fileName: string;
  title: string;
  publishedAt: Date;
  /** False when the source gave a date only (shown without a time of day). */
  hasTime: boolean;
  source: string;
  originalUrl: string | null;
  charts: StockChart[];
  bodyHtml: string;
  plainText: string;
  excerpt: string;
  wordCount: number;
  readingMinutes: number;
  /** Names eastmoney's inline stock links give listings, e.g. { sz002752: "昇兴股份" }. */
  inlineStockNames: Record<string, string>;
  /** Set when the outlet could not be found and the article got the neutral source name. */
  sourceNote: string | null;
};

/** Source of an article whose outlet the file does not name. */
export const UNKNOWN_SOURCE = "未注明来源";

export type ParseResult = { ok: true; article: ParsedArticle } | { ok: false; reason: string };

class Rejection extends Error {}
const reject = (reason: string): never => {
  throw new Rejection(reason);
};

export type ParseOptions = {
  /** The load's clock: a post dated more than a day after it is rejected. */
  now?: Date;
};

/**
 * Turns one content file into an article record, or a rejection that says why.
 * Pure: no I/O, no database; the seed and the tests call it the same way.
 * Everything it returns is text XML can carry (lib/xml-text.ts) and within
 * the limits in ./limits.ts.
 */
export function parseArticle(fileName: string, bytes: Uint8Array, { now = new Date() }: ParseOptions = {}): ParseResult {
  try {
    return { ok: true, article: parse(fileName, bytes, now) };
  } catch (error) {
    if (error instanceof Rejection || error instanceof LimitExceeded) return { ok: false, reason: error.message };
    return { ok: false, reason: `could not be parsed (${(error as Error).message})` };
  }
}

function parse(fileName: string, bytes: Uint8Array, now: Date): ParsedArticle {
  const text = decode(bytes)
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .replace(/^\s*\n/, "");
  if (!text.trim()) reject("empty file");

  const header = text.startsWith("---\n") ? readFrontMatter(text) : readMarkdownHeader(text);
  const title = xmlSafeText(he.decode(header.title)).replace(/\s+/g, " ").trim();
  if (!title) reject("no title");
  const titleChars = [...title].length;
  if (titleChars > MAX_TITLE_CHARS) reject(`title is ${formatNumber(titleChars)} characters, over the limit of ${MAX_TITLE_CHARS}`);
  const date = parseSourceDate(header.date);
  if (!date) reject(header.date.trim() ? `invalid date "${header.date.trim()}"` : "no date");
  checkDateWindow(header.date.trim(), date!.instant, now);

  const { body, links } = removeSiteLinks(header.body);
  const { body: withoutCharts, charts } = extractStockCharts(body);
  const cleaned = cleanBody(withoutCharts);
  // Entities in the body (&#1;) decode to characters the raw text could not hold.
  cleaned.html = xmlSafeText(cleaned.html);
  cleaned.text = xmlSafeText(cleaned.text);
  // YAML escapes ("\x01") and entities in the footer can spell any character;
  // a "name" longer than any outlet's is not one.
  const source =
    [cleaned.outletFromFooter, outletAtEnd(cleaned.text), header.source]
      .map((outlet) => (outlet ? xmlSafeText(outlet).trim() : ""))
      .find((outlet) => outlet && [...outlet].length <= MAX_SOURCE_CHARS) ?? null;
  if (!cleaned.text.trim() && !charts.length) reject("no body");
  if (cleaned.text.length > MAX_TEXT_CHARS) {
    reject(`body text is ${formatNumber(cleaned.text.length)} characters, over the limit of ${formatNumber(MAX_TEXT_CHARS)}`);
  }
  const htmlBytes = Buffer.byteLength(cleaned.html);
  if (htmlBytes > MAX_HTML_BYTES) reject(`body HTML is ${formatNumber(htmlBytes)} bytes, over the limit of ${formatNumber(MAX_HTML_BYTES)} (1 MiB)`);

  const originalUrl = links.find((url) => /infoCode=/i.test(url)) ?? links[0] ?? null;
  const infoCode = originalUrl ? /[?&]infoCode=([A-Za-z0-9_-]+)/i.exec(originalUrl)?.[1] : undefined;
  const wordCount = countWords(title) + countWords(cleaned.text);
  return {
    slug: infoCode ?? slugFromFileName(fileName),
    fileName,
    title,
    publishedAt: date!.instant,
    hasTime: date!.hasTime,
    source: source ?? UNKNOWN_SOURCE,
    sourceNote: source ? null : `no outlet found (no （文章来源：…）, （outlet） ending, *source|date|* line or tags): source set to "${UNKNOWN_SOURCE}"`,
    originalUrl,
    charts,
    bodyHtml: cleaned.html,
    plainText: cleaned.text,
    excerpt: excerptOf(cleaned.text),
    wordCount,
    readingMinutes: readingMinutes(wordCount),
    inlineStockNames: cleaned.inlineStockNames,
  };
}

/** A post dated before 1990 or more than a day ahead of the load is a typo or a forgery: it would sit atop the timeline. */
function checkDateWindow(written: string, instant: Date, now: Date): void {
  if (instant < EARLIEST_PUBLISHED) reject(`date "${written}" is before 1990-01-01, the earliest date loaded`);
  const latest = now.getTime() + MAX_FUTURE_MS;
  if (instant.getTime() > latest) {
    reject(`date "${written}" is more than a day after this load (${new Date(latest).toISOString()} UTC at the latest); it loads once that time has come`);
  }
}

function decode(bytes: Uint8Array): string {
  if (bytes.length > MAX_FILE_BYTES) reject(fileTooLarge(bytes.length));
  if (bytes.length === 0) reject("empty file");
  if (bytes.includes(0)) reject("binary file (contains NUL bytes)");
  try {
    return xmlSafeText(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    return reject("not valid UTF-8 text");
  }
}

type Header = { title: string; date: string; source: string | null; body: string };

function readFrontMatter(text: string): Header {
  if (!/\n---[ \t]*(\n|$)/.test(text.slice(3))) reject("front matter is not closed by a '---' line");
  let parsed: matter.GrayMatterFile<string>;
  try {
    // FAILSAFE keeps every value a string: YAML's own timestamp type would read
    // "2021-12-01 13:33:50" as UTC, where the site means Beijing time.
    parsed = matter(text, { engines: { yaml: (s: string) => yaml.load(s, { schema: yaml.FAILSAFE_SCHEMA }) as object } });
  } catch (error) {
    return reject(`invalid front matter (${(error as Error).message.split("\n")[0]})`);
  }
  const data = (parsed.data ?? {}) as Record<string, unknown>;
  const field = (key: string) => (typeof data[key] === "string" ? (data[key] as string) : "");
  if (!("title" in data)) reject("no title in front matter");
  // The outlet is the first tag, minus the site's "新闻" suffix: "上游新闻新闻" → 上游新闻,
  // "东财滚动新闻" → 东财滚动.
  const tag = jekyllList(data.tags)[0] ?? "";
  return { title: field("title"), date: field("date"), source: tag.replace(/(.)新闻$/, "$1") || null, body: parsed.content };
}

/** `tags` / `categories` as Jekyll reads them: a YAML list, or a string split on spaces. */
export function jekyllList(value: unknown): string[] {
  const items = Array.isArray(value) ? value : typeof value === "string" ? value.split(/\s+/) : [];
  return items.filter((item): item is string => typeof item === "string").map((item) => item.trim()).filter(Boolean);
}

// Rolling news that ends with its outlet in brackets after the last sentence:
// "……550亿元。（财联社）" (a bracket right after other text, "来看看？（附名单）", is not one).
const OUTLET_AT_END_RE = /[。！!”"]\s*[（(]\s*([\p{Script=Han}A-Za-z0-9·]{2,12})\s*[）)]\s*$/u;
const NOT_AN_OUTLET_RE = /^(完|记者|编辑|责编|图|注|完结)|[0-9]{4,}|\.(HK|SZ|SH|O|N)$/i;

function outletAtEnd(text: string): string | null {
  const outlet = OUTLET_AT_END_RE.exec(text)?.[1];
  return outlet && !NOT_AN_OUTLET_RE.test(outlet) ? outlet : null;
}

/** The text without its closing "（outlet）" credit: naming the outlet does not make the story about it. */
export function withoutOutletCredit(text: string): string {
  const m = OUTLET_AT_END_RE.exec(text);
  return m && outletAtEnd(text) ? text.slice(0, m.index + 1) : text;
}

const SOURCE_LINE_RE = /^\*\s*([^|*]+?)\s*\|\s*([^|*]+?)\s*\|\s*\*$/;

function readMarkdownHeader(text: string): Header {
  const lines = text.split("\n");
  const titleMatch = /^#\s+(.*)$/.exec(lines[0].trim());
  if (!titleMatch) reject("no front matter and no '# title' line");
  const sourceIndex = lines.findIndex((line, i) => i > 0 && i < 6 && SOURCE_LINE_RE.test(line.trim()));
  if (sourceIndex < 0) reject("no '*source|YYYY-MM-DD|*' line under the title");
  const [, source, date] = SOURCE_LINE_RE.exec(lines[sourceIndex].trim())!;
  return { title: titleMatch![1], date, source, body: lines.slice(sourceIndex + 1).join("\n") };
}

const BARE_LINK_LINE_RE = /^<(https?:\/\/[^\s<>]*)?>$/;
const FOOTER_LINE_RE = /^\[返回[^\]]*\]\([^)]*\)/;

/**
 * Removes the site's own lines around a post: the bare original-link line
 * (`<http://…>`, sometimes empty `<>`) and the navigation footer
 * (`[返回…](…)｜[返回首页](…)`). The links are returned: the first is the original.
 */
function removeSiteLinks(body: string): { body: string; links: string[] } {
  const links: string[] = [];
  const kept = body.split("\n").filter((line) => {
    const trimmed = line.trim();
    const bare = BARE_LINK_LINE_RE.exec(trimmed);
    if (bare) {
      if (bare[1]) links.push(toHttps(he.decode(bare[1])));
      return false;
    }
    return !FOOTER_LINE_RE.test(trimmed);
  });
  return { body: kept.join("\n"), links };
}

/** A URL-safe slug from a file name: "2021-12-08-2021….md" → "2021-12-08-2021…". */
export function slugFromFileName(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, "").replace(/\.[A-Za-z0-9]+$/, "");
  const slug = base
    .normalize("NFKC")
    .replace(/[^A-Za-z0-9_-]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^[-_]+|[-_]+$/g, "");
  if (slug) return slug;
  // A name with no Latin letters or digits (e.g. all Chinese) still needs a stable id.
  let hash = 0x811c9dc5;
  for (const ch of base) hash = Math.imul(hash ^ ch.codePointAt(0)!, 0x01000193) >>> 0;
  return `a-${hash.toString(36)}`;
}
