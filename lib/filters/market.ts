// `market`: sh, sz, hk, us, comma-separated (the values /companies uses); an
// article matches when one of its companies is listed on any of them, so a
// dual-listed company (比亚迪: sz002594 and hk01211) counts for each market.
import { MARKET_NAMES, type Market } from "../companies/ids";
import type { FilterDeclaration } from "./declaration";
import { noticeValue, type FilterNotice } from "./params";

/** Canonical order. */
export const MARKETS = (Object.keys(MARKET_NAMES) as Market[]).sort();

/** How readers name markets: A股 is Shanghai and Shenzhen together. */
export const MARKET_GROUPS: { label: string; markets: Market[] }[] = [
  { label: "A股", markets: ["sh", "sz"] },
  { label: "港股", markets: ["hk"] },
  { label: "美股", markets: ["us"] },
];

const isMarket = (text: string): text is Market => (MARKETS as string[]).includes(text);

/** The selected markets in readers' terms: A股 when both sh and sz are there, else each by name. */
export function marketGroups(markets: Market[]): { label: string; markets: Market[] }[] {
  const groups = MARKET_GROUPS.filter((g) => g.markets.every((m) => markets.includes(m)));
  const grouped = groups.flatMap((g) => g.markets);
  return [...groups, ...markets.filter((m) => !grouped.includes(m)).map((m) => ({ label: MARKET_NAMES[m], markets: [m] }))];
}

export const marketFilter: FilterDeclaration<{ markets: Market[] }> = {
  params: ["market"],
  parse(read) {
    const notices: FilterNotice[] = [];
    const markets = new Set<Market>();
    for (const raw of (read("market") ?? "").split(/[,\s]+/).filter(Boolean)) {
      const market = raw.toLowerCase();
      if (isMarket(market)) markets.add(market);
      else if (notices.length < 5)
        notices.push({ param: "market", value: noticeValue(raw), reason: "市场只能是 sh（沪市）、sz（深市）、hk（港股）或 us（美股）" });
    }
    return { value: { markets: MARKETS.filter((m) => markets.has(m)) }, notices, matchesNothing: notices.length > 0 && !markets.size };
  },
  serialize: ({ markets }) => (markets.length ? [["market", MARKETS.filter((m) => markets.includes(m)).join(",")]] : []),
  isSet: ({ markets }) => markets.length > 0,
  chips: ({ markets }) =>
    marketGroups(markets).map((group) => ({
      label: `市场：${group.label}`,
      remove: { markets: markets.filter((m) => !group.markets.includes(m)) },
    })),
  describe: ({ markets }) =>
    markets.length
      ? `市场：${marketGroups(markets)
          .map((g) => g.label)
          .join("、")}`
      : null,
  widen: { label: "全部市场", remove: { markets: [] } },
  landings: MARKET_GROUPS.map((g) => ({ markets: g.markets })),
  select({ markets }, db) {
    if (!markets.length) return {};
    const listedOn = db.sql`SELECT mc."articleId" FROM "ArticleCompany" mc JOIN "Listing" ml ON ml."companyId" = mc."companyId" WHERE ml."market" IN ${db.inList(markets)}`;
    return { conditions: [{ on: ({ id }) => db.sql`${id} IN (${listedOn})` }] };
  },
};
