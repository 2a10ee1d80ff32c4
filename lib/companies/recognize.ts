// Which companies an article names, and which of them it is about. Evidence,
// strongest first: its stock charts, a title that opens with 名称：, stock codes
// written in the text (名称(1652.HK)), eastmoney's inline stock links, then
// names and aliases. Each company gets a role: `subject` (a chart, a name or
// code in the title, a code in the text, a 名称： opening a digest item) or
// `mention` (named in passing, or a broker or bank cited for a view:
// 中信证券指出, 大摩：…, 据XX研报).
import { withoutOutletCredit } from "../content/parse-article";
import { STATUS_MARKER_RE } from "./data/load-data";
import type { CompanyDirectory, DirectoryCompany } from "./directory";
import { NameTrie } from "./name-trie";
import { findStockCodes } from "./stock-codes";

export type LinkVia = "chart" | "title" | "body";
/** `subject`: the article is about the company; `mention`: it is named in passing or cited for a view. */
export type CompanyRole = "subject" | "mention";
export type CompanyLink = { companyId: string; via: LinkVia; mentions: number; role: CompanyRole };
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
// A company named this often, and this share of all company names, is what a story without a named subject is about.
const DOMINANT_MIN_MENTIONS = 2;
const DOMINANT_SHARE = 0.6;
const CONTEXT_AFTER = 10;
// A rolling-news title that opens with its subject: "苏州银行：获准发行…".
const TITLE_SUBJECT_RE = /^\s*([^：:，,。\s]{2,16})\s*[：:]/;

type Term = { company: DirectoryCompany | null };

type Tally = {
  companyId: string;
  via: LinkVia;
  mentions: number;
  /** The title opens with it (苏州银行：…): listed first. */
  opensTitle: boolean;
  /** Evidence that the article is about it: chart, title, code, digest item. */
  aboutIt: boolean;
  /** A title occurrence that cites it as the source of a view (大摩：升颐海国际…). */
  citedInTitle: boolean;
};

// Firms whose name in a story is usually the source of a view, not its subject:
// brokers, banks, insurers, asset managers, rating agencies. A name with one of
// these words, or a company marked `researchHouse: true` in the directory (高盛, 大摩).
const RESEARCH_HOUSE_NAME_RE = /证券|银行|期货|信托|资本|投资|基金|金控|资管|评级|国际金融/;
// What follows a research house's name when it is cited for a view: an optional
// code, an optional analyst (分析师Katy Huberty, 首席策略分析师李立峰), then a view
// verb or a report (认为, 指出, 料, 上调…目标价, 发表研究报告).
const VIEW_AFTER_RE =
  /^(?:[（(][A-Za-z0-9.\s]{1,12}[）)])?(?:(?:研究所|研究院|研究部|副?所长|首席|[\p{Script=Han}]{0,4}(?:分析师|经济学家|策略师|研究员))[\p{Script=Han}A-Za-z·.\s]{0,14}?)?(?:认为|指出|预计|预期|预测|表示|称|料|看好|看淡|建议|研报|发布研究报告|发表研究报告|发布报告|发表报告|报告指|报告称|首予|首次覆盖|给予|维持|重申|上调|下调|调升|调降|[升降][^，。；]{0,12}(?:评级|目标价))/u;
// A view cited "according to": 据中信证券研报, 据大摩.
const VIEW_BEFORE_RE = /据$/;
// A title "X：…" or "X李立峰：…" with X a research house is its view unless the rest is X's own news.
const TITLE_SPEAKER_RE = /^(?:[（(][A-Za-z0-9.\s]{1,12}[）)])?[\p{Script=Han}A-Za-z·\s]{0,8}[：:]/u;
const RATING_RE = /评级|目标价|首予|首选|买入|增持至|减持至|跑赢|跑输|中性/;
const OWN_NEWS_RE =
  /公告|净利|营收|营业收入|业绩|获准|获批|拟|发行|回购|增持(?!评级)|减持(?!评级)|股东|董事|高管|行长|总裁|董事长|罚|处罚|收购|出售|分红|派息|股价|股份|上市|IPO|设立|成立|中标|签署|签订|合作|裁员|招聘|亏损|盈利|资本金|资本充足|不良|分行|网点/;
// A digest of announcements: "东瑞股份：获得…；广生堂：与…签订".
const DIGEST_ITEM_BEFORE_RE = /(?:^|[。；;！!？?\n]\s*)$/;

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
  const add = (
    companyId: string,
    via: LinkVia,
    mentions: number,
    evidence: { opensTitle?: boolean; aboutIt?: boolean; cited?: boolean } = {},
  ) => {
    const tally = tallies.get(companyId) ?? { companyId, via, mentions: 0, opensTitle: false, aboutIt: false, citedInTitle: false };
    if (VIA_ORDER[via] < VIA_ORDER[tally.via]) tally.via = via;
    tally.mentions += mentions;
    tally.opensTitle ||= !!evidence.opensTitle && !evidence.cited;
    tally.aboutIt ||= !!evidence.aboutIt && !evidence.cited;
    tally.citedInTitle ||= via === "title" && !!evidence.cited;
    tallies.set(companyId, tally);
    return tally;
  };
  const companyFor = (listingId: string, name: string | null) => {
    const known = directory.byListing.get(listingId);
    if (known) return known.id;
    if (!discovered.get(listingId) && name) discovered.set(listingId, name);
    else if (!discovered.has(listingId)) discovered.set(listingId, null);
    return listingId;
  };

  for (const chart of article.charts) {
    if (chart.listingId)
      add(companyFor(chart.listingId, article.inlineStockNames?.[chart.listingId] ?? null), "chart", 0, {
        opensTitle: true,
        aboutIt: true,
      });
  }
  for (const [listingId, name] of Object.entries(article.inlineStockNames ?? {})) add(companyFor(listingId, name), "body", 0);

  const trie = trieFor(directory);
  const subject = TITLE_SUBJECT_RE.exec(article.title)?.[1] ?? null;
  for (const [via, text] of [
    ["title", article.title],
    ["body", withoutOutletCredit(article.plainText)],
  ] as const) {
    const codes = findStockCodes(text);
    for (const code of codes) {
      const companyId = companyFor(code.listingId, code.name);
      const house = isResearchHouse(directory.byListing.get(code.listingId), code.name);
      const cited = house && citedForView(text, code.start, code.end, via, directory, trie);
      add(companyId, via, 1, { opensTitle: via === "title" && code.start === 0, aboutIt: true, cited });
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
      if (ordinaryWord && !opensTitle && !tallies.get(company.id)?.opensTitle && !inMarketContext(text, match.start, match.end, codes))
        continue;
      const cited = isResearchHouse(company) && citedForView(text, match.start, match.end, via, directory, trie);
      const digestItem = via === "body" && /^[：:]/.test(text.slice(match.end)) && DIGEST_ITEM_BEFORE_RE.test(text.slice(0, match.start));
      add(company.id, via, 1, { opensTitle, aboutIt: via === "title" || digestItem, cited });
    }
  }
  // A subject named by code only ("日丰股份：…" with 日丰股份(002953) in the body) opens the title too.
  if (subject) {
    for (const [listingId, name] of discovered) {
      const tally = tallies.get(listingId)!;
      if (name === subject && !tally.citedInTitle) tally.opensTitle = tally.aboutIt = true;
    }
  }

  // A research house the title cites for a view is a mention, whatever else names it
  // (瑞士信贷(CS.N)：维持长城汽车…), unless the article carries its chart.
  const roleOf = (t: Tally): CompanyRole => (t.via === "chart" || (t.aboutIt && !t.citedInTitle) ? "subject" : "mention");
  // A story whose title names no company can still be about one: the company its
  // text keeps naming (a feature on 快手 under a campaign's name). Not when a
  // sector board's chart says the story is about the sector.
  const tallied = [...tallies.values()];
  if (!tallied.some((t) => roleOf(t) === "subject") && !article.charts.some((c) => !c.listingId)) {
    const total = tallied.reduce((sum, t) => sum + t.mentions, 0);
    const top = tallied.filter((t) => !t.citedInTitle).sort((a, b) => b.mentions - a.mentions)[0];
    if (
      top &&
      top.mentions >= DOMINANT_MIN_MENTIONS &&
      top.mentions >= DOMINANT_SHARE * total &&
      !isResearchHouse(directory.byListing.get(top.companyId))
    )
      top.aboutIt = true;
  }
  const links = [...tallies.values()]
    .map((t) => ({ tally: t, role: roleOf(t) }))
    .sort(
      (a, b) =>
        ROLE_ORDER[a.role] - ROLE_ORDER[b.role] ||
        Number(b.tally.opensTitle) - Number(a.tally.opensTitle) ||
        VIA_ORDER[a.tally.via] - VIA_ORDER[b.tally.via] ||
        b.tally.mentions - a.tally.mentions,
    )
    .map(({ tally: { companyId, via, mentions }, role }) => ({ companyId, via, mentions, role }));
  return { links, discovered: [...discovered].map(([listingId, name]) => ({ listingId, name })) };
}

const VIA_ORDER: Record<LinkVia, number> = { chart: 0, title: 1, body: 2 };
const ROLE_ORDER: Record<CompanyRole, number> = { subject: 0, mention: 1 };

function isResearchHouse(company: DirectoryCompany | undefined, writtenName?: string | null): boolean {
  if (company?.researchHouse) return true;
  const names = company ? [company.name, company.fullName ?? "", ...company.aliases] : [writtenName ?? ""];
  return names.some((name) => RESEARCH_HOUSE_NAME_RE.test(name));
}

/**
 * Whether the name at text[start, end) cites a research house for a view:
 * followed by a view verb or a report (中信证券指出, 大摩上调…目标价,
 * 瑞银发表研究报告指), after 据 (据中信证券研报), or speaking in the title
 * (光大证券：人民币汇率见顶了吗？) about something other than its own news.
 */
function citedForView(text: string, start: number, end: number, via: LinkVia, directory: CompanyDirectory, trie: NameTrie<Term>): boolean {
  const after = text.slice(end);
  if (VIEW_BEFORE_RE.test(text.slice(Math.max(0, start - 2), start))) return true;
  const speaker = TITLE_SPEAKER_RE.exec(after);
  if (speaker && (via === "title" ? start === 0 : DIGEST_ITEM_BEFORE_RE.test(text.slice(0, start)))) {
    const said = via === "title" ? after.slice(speaker[0].length) : after.slice(speaker[0].length).split(/[。；;\n]/)[0];
    if (RATING_RE.test(said) || namesAnotherCompany(said, directory, trie)) return true;
    return !OWN_NEWS_RE.test(said);
  }
  return VIEW_AFTER_RE.test(after);
}

function namesAnotherCompany(text: string, directory: CompanyDirectory, trie: NameTrie<Term>): boolean {
  for (const match of trie.matches(text)) if (match.value.company && !match.value.company.ambiguous) return true;
  return findStockCodes(text).length > 0;
}

function inMarketContext(text: string, start: number, end: number, codes: { start: number; end: number }[]): boolean {
  if (codes.some((code) => code.start <= end + 1 && code.end >= start)) return true;
  return MARKET_CONTEXT_RE.test(text.slice(Math.max(0, start - CONTEXT_BEFORE), end + CONTEXT_AFTER));
}
