import * as cheerio from "cheerio/slim";
import { listingIdFromEastmoney, quoteUrl, SECTOR_BOARD_MARKET } from "../companies/ids";

export type StockChart = {
  /** Listing id (hk01024, sz000338, usnio) or null for a sector board. */
  listingId: string | null;
  /** eastmoney code and market number, as written in the block. */
  code: string;
  market: string;
  imageUrl: string;
  quoteUrl: string;
};

const START = "<!-- EM_StockImg_Start -->";
const END = "<!-- EM_StockImg_End -->";

/**
 * Cuts eastmoney's stock-chart blocks out of a post body. The blocks are
 * delimited by literal HTML comments the site's CMS writes, so locating them is
 * a plain string search; their content is then read with an HTML parser.
 */
export function extractStockCharts(body: string): { body: string; charts: StockChart[] } {
  const charts: StockChart[] = [];
  let rest = body;
  let out = "";
  for (;;) {
    const start = rest.indexOf(START);
    if (start < 0) break;
    const end = rest.indexOf(END, start);
    if (end < 0) break;
    out += rest.slice(0, start);
    const chart = readChartBlock(rest.slice(start + START.length, end));
    if (chart && !charts.some((c) => c.imageUrl === chart.imageUrl)) charts.push(chart);
    rest = rest.slice(end + END.length);
  }
  return { body: out + rest, charts };
}

function readChartBlock(html: string): StockChart | null {
  const $ = cheerio.load(html, null, false);
  const img = $("img").first();
  const imageUrl = img.attr("src")?.trim();
  if (!imageUrl || !/^https?:\/\//i.test(imageUrl)) return null;
  const link = $("a[href]").first();
  // data-code is "{code}|{market}|{type}" on the link, "K {code}|{market}|{type}" on the image.
  const dataCode = link.attr("data-code") ?? img.attr("data-code")?.replace(/^K\s+/, "") ?? "";
  let [code, market] = dataCode.split("|").map((s) => s?.trim() ?? "");
  if (!code || !market) {
    const nid = /[?&]nid=(\d+)\.([A-Za-z0-9]+)/.exec(imageUrl);
    if (!nid) return null;
    [, market, code] = nid;
  }
  const listingId = market === SECTOR_BOARD_MARKET ? null : listingIdFromEastmoney(market, code);
  const href = link.attr("href")?.trim();
  return {
    listingId,
    code,
    market,
    imageUrl: toHttps(imageUrl),
    quoteUrl: href && /^https?:\/\//i.test(href) ? toHttps(href) : listingId ? quoteUrl(listingId, market) : `https://quote.eastmoney.com/unify/r/${market}.${code}`,
  };
}

/** eastmoney serves the same paths over https; http would be mixed content. */
export function toHttps(url: string): string {
  return url.replace(/^http:\/\//i, "https://");
}
