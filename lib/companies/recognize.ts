// Which companies an article is about. Evidence, strongest first: its stock
// charts, a title that opens with 名称：, stock codes written in the text
// (名称(1652.HK)), eastmoney's inline stock links, then names and aliases.
import { withoutOutletCredit } from "../content/parse-article";
import { STATUS_MARKER_RE } from "./data/load-data";
import type { CompanyDirectory, DirectoryCompany } from "./directory";
import { NameTrie } from "./name-trie";
import { findStockCodes } from "./stock-codes";

export type LinkVia = "chart" | "title" | "body";
export type CompanyLink = { companyId: string; via: LinkVia; mentions: number };
/** A listing the text names by code that the directory does not know; the seed adds it as a company. */
export type DiscoveredListing = { listingId: string; name: string | null };
export type Recognition = { links: CompanyLink[]; discovered: DiscoveredListing[] };

export type RecognitionInput = {
  title: string;
  plainText: string;
  charts: { listingId: string | null }[];
  /** Names eastmoney's inline stock links give listings: { sz002752: "昇兴股份" }. */
  inlineStockNames?: Record<string, string>;
};

// Words that put a name in a market context: an ambiguous name (农产品, 太阳能)
// counts only with one of these close by. Kept to phrases that are about a
// listed company's shares or filings, not about a product (太阳能电池价格上涨).
const MARKET_CONTEXT_RE =
  /股份|股价|股票|个股|涨停|跌停|IPO|涨超|跌超|涨逾|跌逾|涨幅|跌幅|收涨|收跌|大涨|大跌|高开|低开|停牌|复牌|公告|董事|股东|市值|证券|A股|港股|美股|上市公司|年报|季报|半年报|营收|净利|回购|增持|减持/;
const CONTEXT_BEFORE = 6;
const CONTEXT_AFTER = 10;
// A rolling-news title that opens with its subject: "苏州银行：获准发行…".
const TITLE_SUBJECT_RE = /^\s*([^：:，,。\s]{2,16})\s*[：:]/;

type Term = { company: DirectoryCompany | null };

type Tally = { companyId: string; via: LinkVia; mentions: number; subject: boolean };

const tries = new WeakMap<CompanyDirectory, NameTrie<Term>>();

/** One trie of every name, alias and non-mention phrase; built once per directory. */
function trieFor(directory: CompanyDirectory): NameTrie<Term> {
  let trie = tries.get(directory);
  if (!trie) {
    trie = new NameTrie<Term>();
    for (const company of directory.companies) {
      for (const term of [company.name, ...company.aliases]) trie.add(term, { company });
    }
    // The longest match wins, so a listed non-mention swallows the name inside it.
    for (const company of directory.companies) for (const phrase of company.notMentions) trie.add(phrase, { company: null });
    tries.set(directory, trie);
  }
  return trie;
}

const isLatin = (ch: string | undefined) => !!ch && /[A-Za-z0-9]/.test(ch);

export function recognizeCompanies(article: RecognitionInput, directory: CompanyDirectory): Recognition {
  const tallies = new Map<string, Tally>();
  const discovered = new Map<string, string | null>();
  const add = (companyId: string, via: LinkVia, mentions: number, subject = false) => {
    const tally = tallies.get(companyId) ?? { companyId, via, mentions: 0, subject: false };
    if (VIA_ORDER[via] < VIA_ORDER[tally.via]) tally.via = via;
    tally.mentions += mentions;
    tally.subject ||= subject;
    tallies.set(companyId, tally);
  };
  const companyFor = (listingId: string, name: string | null) => {
    const known = directory.byListing.get(listingId);
    if (known) return known.id;
    if (!discovered.get(listingId) && name) discovered.set(listingId, name);
    else if (!discovered.has(listingId)) discovered.set(listingId, null);
    return listingId;
  };

  for (const chart of article.charts) {
    if (chart.listingId) add(companyFor(chart.listingId, article.inlineStockNames?.[chart.listingId] ?? null), "chart", 0, true);
  }
  for (const [listingId, name] of Object.entries(article.inlineStockNames ?? {})) add(companyFor(listingId, name), "body", 0);

  const trie = trieFor(directory);
  const subject = TITLE_SUBJECT_RE.exec(article.title)?.[1] ?? null;
  for (const [via, text] of [
    ["title", article.title],
    ["body", withoutOutletCredit(article.plainText)],
  ] as const) {
    const codes = findStockCodes(text);
    const codeNamed = new Set<string>();
    for (const code of codes) {
      const companyId = companyFor(code.listingId, code.name);
      add(companyId, via, 1, via === "title" && code.start === 0);
      if (code.name) codeNamed.add(`${code.start}:${code.name}`);
    }
    for (const match of trie.matches(text)) {
      const company = match.value.company;
      if (!company) continue;
      // Latin names (NIO, B站) must not be parts of longer Latin words.
      if (isLatin(match.term[0]) && isLatin(text[match.start - 1])) continue;
      if (isLatin(match.term.at(-1)) && isLatin(text[match.end])) continue;
      const opensTitle = via === "title" && subject !== null && subject === match.term;
      // "ST宏图" is a name; "宏图" alone may be a word.
      const ordinaryWord = company.ambiguous && !STATUS_MARKER_RE.test(match.term) && !/^\*?ST/.test(match.term);
      if (ordinaryWord && !opensTitle && !tallies.get(company.id)?.subject && !inMarketContext(text, match.start, match.end, codes))
        continue;
      add(company.id, via, 1, opensTitle);
    }
  }
  // A subject named by code only ("日丰股份：…" with 日丰股份(002953) in the body) opens the title too.
  if (subject) {
    for (const [listingId, name] of discovered) if (name === subject) tallies.get(listingId)!.subject = true;
  }

  const links = [...tallies.values()]
    .sort((a, b) => Number(b.subject) - Number(a.subject) || VIA_ORDER[a.via] - VIA_ORDER[b.via] || b.mentions - a.mentions)
    .map(({ companyId, via, mentions }) => ({ companyId, via, mentions }));
  return { links, discovered: [...discovered].map(([listingId, name]) => ({ listingId, name })) };
}

const VIA_ORDER: Record<LinkVia, number> = { chart: 0, title: 1, body: 2 };

function inMarketContext(text: string, start: number, end: number, codes: { start: number; end: number }[]): boolean {
  if (codes.some((code) => code.start <= end + 1 && code.end >= start)) return true;
  return MARKET_CONTEXT_RE.test(text.slice(Math.max(0, start - CONTEXT_BEFORE), end + CONTEXT_AFTER));
}
