// What a reader pastes to import a watchlist: codes as people write them
// (600519 00700.HK AAPL), names (腾讯), listing ids (sh600519), our share and
// filter links, or an OPML file. Resolving terms to companies is the server's
// job (/api/companies, POST); this only finds the terms.
import { isListingId } from "../companies/ids";
import { listingIdFromCode } from "../companies/stock-codes";
import { companyIdsInLink } from "./links";
import { isOpml, parseOpml } from "./opml";

/** More than any watchlist holds, with room for names that resolve to nothing. */
export const MAX_IMPORT_TERMS = 200;
const MAX_TERM_LENGTH = 40;

const URL_RE = /(?:https?:\/\/[^\s"'<>]+|(?<![\w/])\/[^\s"'<>]*)/g;
const SEPARATORS = /[\s,，、;；|/]+/;

/**
 * The terms in pasted text, in order, without duplicates. A line that holds a
 * listing id uses only its ids (an exported line is "sh600519 贵州茅台"); other
 * lines give every word. Links give the companies they name.
 */
export function parseCodeList(text: string): string[] {
  if (isOpml(text)) return parseOpml(text).ids.slice(0, MAX_IMPORT_TERMS);
  const terms: string[] = [];
  for (const rawLine of text.split(/\r?\n/)) {
    const linked: string[] = [];
    const line = rawLine.replace(URL_RE, (link) => {
      // A link that names no company (another site's feed) gives nothing, not its path's words.
      linked.push(...companyIdsInLink(link));
      return " ";
    });
    terms.push(...linked);
    const words = line
      .split(SEPARATORS)
      .map((word) => word.trim())
      .filter((word) => word && Array.from(word).length <= MAX_TERM_LENGTH);
    const ids = words.filter((word) => isListingId(word.toLowerCase()));
    terms.push(...(ids.length ? ids.map((id) => id.toLowerCase()) : words));
  }
  return [...new Set(terms)].slice(0, MAX_IMPORT_TERMS);
}

/**
 * The listing id a code means as readers write it: sh600519, 600519,
 * 600519.SH, 00700, 700.HK, HK0700, AAPL, TSLA.O. Null for anything else.
 */
export function listingIdForCode(term: string): string | null {
  const code = term.trim();
  if (isListingId(code.toLowerCase())) return code.toLowerCase();
  const hk = /^(?:HK[:：]?)?(\d{1,5})(?:\.HK)?$/i.exec(code);
  if (hk) return `hk${hk[1].padStart(5, "0")}`;
  const fromText = listingIdFromCode(code);
  if (fromText) return fromText;
  const us = /^([A-Za-z][A-Za-z.]{0,6}?)(?:\.(?:O|OQ|N|A|US))?$/i.exec(code);
  return us ? `us${us[1].toLowerCase()}` : null;
}
