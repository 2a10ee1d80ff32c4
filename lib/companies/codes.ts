// Stock codes as readers write them (600519, 00700.HK, AAPL) and back to the
// listing ids the reader's URLs keep (sh600519, hk00700, usaapl). Pure and
// free of Node APIs, so client components may import it.
import { isListingId, splitListingId } from "./ids";

/** A listing id as readers write the code: sh600519 → 600519, hk00700 → 00700.HK, usbrk.b → BRK.B. */
export function displayCode(listingId: string): string {
  if (!isListingId(listingId)) return listingId;
  const { market, code } = splitListingId(listingId);
  return market === "hk" ? `${code}.HK` : code;
}

/** Every listing's code, primary first: [sz002594, hk01211] → ["002594", "01211.HK"]. */
export function displayCodes(listingIds: readonly string[]): string[] {
  return listingIds.map(displayCode);
}

// A-share codes by first digit: Shanghai 6 (and 9 for B shares), Shenzhen 0, 2, 3.
// The directory holds no 6-digit code under both prefixes (codes.test.ts checks it).
const A_SHARE_MARKET: Record<string, "sh" | "sz" | undefined> = { "6": "sh", "9": "sh", "0": "sz", "2": "sz", "3": "sz" };

/**
 * The listing ids a reader's code may mean, most likely first; empty when the
 * text is no code. 600519, sh600519, 600519.SH, 600519.SS, SZ:300750 → A-shares;
 * 00700.HK, 0700.hk, 700.HK, HK:700, hk00700 and a bare 4–5 digit number
 * (00700, 0700) → Hong Kong; AAPL, aapl, usaapl, BRK.B, BABA.N, AAPL.O,
 * NASDAQ:AAPL → US (BRK.A is a share class, not AMEX). A bare 1–3 digit number is no code. Lowercase text that is
 * a listing id is read as one first: `usb` is the id of ticker B, and then
 * ticker USB (U.S. Bancorp). Which of them exists is the caller's question
 * (the directory or the database): keep the first that does.
 */
export function resolveCode(text: string): string[] {
  const raw = text.normalize("NFKC").trim();
  if (!raw || raw.length > 24) return [];
  const asListingId = isListingId(raw.toLowerCase()) ? raw.toLowerCase() : null;
  const candidates = [raw === asListingId ? asListingId : null, listingIdFromReaderCode(raw), asListingId];
  return [...new Set(candidates.filter((id): id is string => id !== null))];
}

function listingIdFromReaderCode(text: string): string | null {
  const code = text.replace(/\s+/g, "").toUpperCase();
  let m: RegExpExecArray | null;
  if ((m = /^(?:(SH|SZ)[:：]?)?(\d{6})(?:\.(SH|SS|SZ))?$/.exec(code))) {
    const inferred = A_SHARE_MARKET[m[2][0]];
    const written = (m[1] ?? m[3])?.replace("SS", "SH").toLowerCase();
    return inferred && (!written || written === inferred) ? inferred + m[2] : null;
  }
  if ((m = /^HK[:：]?(\d{1,5})$/.exec(code) ?? /^(\d{1,5})\.HK$/.exec(code) ?? /^(\d{4,5})$/.exec(code))) {
    return `hk${m[1].padStart(5, "0")}`;
  }
  // .O/.OQ/.N/.US name the exchange (BABA.N); one letter after a dot is a share class (BRK.B).
  if ((m = /^(?:(?:NASDAQ|NYSE|AMEX)[:：])?([A-Z]{1,5}(?:\.(?!(?:O|OQ|N|US)$)[A-Z])?)(?:\.(?:O|OQ|N|US))?$/.exec(code))) {
    return `us${m[1].toLowerCase()}`;
  }
  return null;
}
