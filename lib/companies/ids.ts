// Company ids follow the reader's contract: lowercase market prefix + code,
// derived from eastmoney's market numbers.
const MARKET_PREFIX: Record<string, string> = {
  "116": "hk",
  "1": "sh",
  "0": "sz",
  "105": "us",
  "106": "us",
  "107": "us",
};

/** eastmoney market 90 is a sector board (BK…), not a company. */
export const SECTOR_BOARD_MARKET = "90";

export type Market = "hk" | "sh" | "sz" | "us";

export const MARKET_NAMES: Record<Market, string> = {
  hk: "港股",
  sh: "沪市",
  sz: "深市",
  us: "美股",
};

/** "116" + "01024" → "hk01024"; null for boards and unknown markets. */
export function listingIdFromEastmoney(market: string, code: string): string | null {
  const prefix = MARKET_PREFIX[market.trim()];
  const cleanCode = code.trim().toLowerCase();
  if (!prefix || !/^[a-z0-9.]+$/.test(cleanCode)) return null;
  return prefix + cleanCode;
}

export const LISTING_ID_RE = /^(hk\d{5}|sh\d{6}|sz\d{6}|us[a-z][a-z0-9.]*)$/;

export function isListingId(text: string): boolean {
  return LISTING_ID_RE.test(text);
}

export function splitListingId(id: string): { market: Market; code: string } {
  const market = id.slice(0, 2) as Market;
  const code = id.slice(2);
  return { market, code: market === "us" ? code.toUpperCase() : code };
}

const QUOTE_MARKET: Record<Market, string> = { hk: "116", sh: "1", sz: "0", us: "105" };

/** eastmoney quote page for a listing (US tickers resolve on any of 105/106/107). */
export function quoteUrl(id: string, eastmoneyMarket?: string): string {
  const { market, code } = splitListingId(id);
  return `https://quote.eastmoney.com/unify/r/${eastmoneyMarket ?? QUOTE_MARKET[market]}.${code}`;
}
