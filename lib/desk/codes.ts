// What a reader pastes to import a watchlist: codes as people write them
// (600519 00700.HK AAPL), names (腾讯), listing ids (sh600519), our share and
// filter links, or an OPML file. Resolving terms to companies is the server's
// job (/api/companies, POST); this only finds the terms.
import { isListingId } from "../companies/ids";
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
