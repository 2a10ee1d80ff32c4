// Companies: resolving listing ids from URLs, company pages, the directory page
// and the picker's search.
import { cache } from "react";
import { MARKET_NAMES, quoteUrl, splitListingId, type Market } from "../companies/ids";
import { addDays, startOfBeijingDay } from "../dates";
import { getPrisma } from "../db/client";
import { queryRows } from "../db/query";
import { inList, join, sql, toCount, whereAll, type Sql } from "../db/sql";
import type { CompanyDetail, CompanyIndexEntry, CompanyOption, CompanyRef, CoverageBar } from "./types";

/** Company.aliases (a JSON array) as text, for LIKE on either database. */
const ALIASES_TEXT = sql`CAST(c."aliases" AS TEXT)`;

/** `%text%` for LIKE … ESCAPE '\', the wildcards in `text` escaped. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

/**
 * Company `c` has a name, alias or listing id containing `needle`
 * (lowercased). LOWER() because PostgreSQL's LIKE is case-sensitive and SQLite's is not.
 */
function matchesNeedle(needle: string): Sql {
  const like = likePattern(needle);
  return sql`(LOWER(c."name") LIKE ${like} ESCAPE '\\' OR LOWER(${ALIASES_TEXT}) LIKE ${like} ESCAPE '\\'
    OR EXISTS (SELECT 1 FROM "Listing" l2 WHERE l2."companyId" = c."id" AND l2."id" LIKE ${like} ESCAPE '\\'))`;
}

/** A company's listing ids, primary first. */
function listingIds(company: { id: string; listings: { id: string }[] }): string[] {
  return [company.id, ...company.listings.map((l) => l.id).filter((id) => id !== company.id).sort()];
}

/** Listing ids from a URL → companies; ids no company has are returned separately. */
export async function resolveCompanies(ids: string[]): Promise<{ found: (CompanyRef & { listingId: string })[]; unknown: string[] }> {
  if (!ids.length) return { found: [], unknown: [] };
  const listings = await getPrisma().listing.findMany({
    where: { id: { in: ids } },
    select: { id: true, company: { select: { id: true, name: true } } },
  });
  const byId = new Map(listings.map((l) => [l.id, l]));
  return {
    found: ids.flatMap((id) => {
      const listing = byId.get(id);
      return listing ? [{ listingId: id, id: listing.company.id, name: listing.company.name }] : [];
    }),
    unknown: ids.filter((id) => !byId.has(id)),
  };
}

const optionSelect = { id: true, name: true, articleCount: true, listings: { select: { id: true } } } as const;
type OptionRow = { id: string; name: string; articleCount: number; listings: { id: string }[] };
const toOption = (c: OptionRow): CompanyOption => ({ id: c.id, name: c.name, count: c.articleCount, listings: listingIds(c) });

/** The companies with the most articles (the picker's first screen). */
export async function topCompanies(limit: number): Promise<CompanyOption[]> {
  const rows = await getPrisma().company.findMany({
    where: { articleCount: { gt: 0 } },
    orderBy: [{ articleCount: "desc" }, { id: "asc" }],
    take: limit,
    select: optionSelect,
  });
  return rows.map(toOption);
}

/** Picker entries for these company ids, in the order given. */
export async function companyOptions(ids: string[]): Promise<CompanyOption[]> {
  if (!ids.length) return [];
  const rows = await getPrisma().company.findMany({ where: { id: { in: ids } }, select: optionSelect });
  const byId = new Map(rows.map((r) => [r.id, toOption(r)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Picker entries for the companies of these listing ids, in the order given, each once; unknown ids are left out. */
export async function companyOptionsByListing(listingIds: string[]): Promise<CompanyOption[]> {
  if (!listingIds.length) return [];
  const rows = await getPrisma().company.findMany({ where: { listings: { some: { id: { in: listingIds } } } }, select: optionSelect });
  const options = rows.map(toOption);
  const position = (option: CompanyOption) => Math.min(...option.listings.map((id) => listingIds.indexOf(id)).filter((i) => i >= 0));
  return options.sort((a, b) => position(a) - position(b));
}

/**
 * Companies a search query names outright (茅台, 宁德时代, TSLA, 600519): a
 * word equal to a name, alias or code of a company with articles.
 */
export async function companiesNamedIn(words: string[]): Promise<CompanyOption[]> {
  const terms = [...new Set(words.map((w) => w.trim()).filter((w) => w.length >= 2 && w.length <= 20))].slice(0, 5);
  if (!terms.length) return [];
  const upper = terms.map((t) => t.toUpperCase());
  // An alias is a JSON string inside the array's text: match it quoted, so 茅台 does not find 茅台镇.
  const aliasMatches = terms.map((t) => sql`${ALIASES_TEXT} LIKE ${likePattern(JSON.stringify(t))} ESCAPE '\\'`);
  // The listings' codes as one set: an EXISTS per company makes this scan of every company much slower.
  const rows = await queryRows<{ id: string }>(sql`SELECT c."id" FROM "Company" c
     WHERE c."articleCount" > 0 AND (c."name" IN ${inList(terms)}
       OR c."id" IN (SELECT l."companyId" FROM "Listing" l WHERE l."code" IN ${inList(upper)})
       OR ${join(aliasMatches, " OR ")})
     ORDER BY c."articleCount" DESC LIMIT 3`);
  return companyOptions(rows.map((r) => r.id));
}

export const COMPANY_SEARCH_LIMIT = 20;

/**
 * Companies with articles whose name, alias or code contains `text` (the
 * picker's search box): exact code and name matches first, then by articles.
 */
export async function searchCompanies(text: string, limit = COMPANY_SEARCH_LIMIT): Promise<CompanyOption[]> {
  const needle = text.trim().toLowerCase().slice(0, 40);
  if (!needle) return topCompanies(limit);
  const matches = await queryRows<{ id: string }>(sql`SELECT c."id" FROM "Company" c
     WHERE c."articleCount" > 0 AND ${matchesNeedle(needle)}
     ORDER BY (c."name" = ${text.trim()}) DESC, c."articleCount" DESC, c."id" LIMIT ${limit}`);
  if (!matches.length) return [];
  const rows = await getPrisma().company.findMany({ where: { id: { in: matches.map((m) => m.id) } }, select: optionSelect });
  const byId = new Map(rows.map((r) => [r.id, toOption(r)]));
  return matches.flatMap((m) => byId.get(m.id) ?? []);
}

/**
 * A company by any of its listing ids (hk02338 finds 潍柴动力, whose primary id
 * is sz000338); deduplicated per request (metadata + page).
 */
export const getCompany = cache(async (listingId: string): Promise<CompanyDetail | null> => {
  const prisma = getPrisma();
  const listing = await prisma.listing.findUnique({ where: { id: listingId }, select: { companyId: true } });
  if (!listing) return null;
  const company = await prisma.company.findUnique({ where: { id: listing.companyId }, include: { listings: true } });
  if (!company) return null;
  const [chart, days] = await Promise.all([
    prisma.chart.findFirst({
      where: { companyId: company.id },
      orderBy: { articleId: "desc" },
      select: { imageUrl: true, quoteUrl: true, code: true, companyId: true },
    }),
    // Articles per Beijing day, as db:setup counted them: grouping a big company's links per request would cost more than the page.
    prisma.companyDay.findMany({ where: { companyId: company.id }, orderBy: { day: "asc" }, select: { day: true, count: true } }),
  ]);
  const listings = listingIds(company).map((id) => {
    const { market, code } = splitListingId(id);
    return { id, market, marketName: MARKET_NAMES[market], code, quoteUrl: quoteUrl(id) };
  });
  return {
    id: company.id,
    name: company.name,
    fullName: company.fullName,
    aliases: company.aliases as string[],
    listings,
    articleCount: company.articleCount,
    latestChart: chart ? { ...chart, label: chart.code === company.name ? chart.code : `${company.name} ${chart.code}` } : null,
    coverage: coverageBars(days),
  };
});

/** Articles per month (or per week when the coverage spans under three months), oldest first. */
export function coverageBars(days: { day: string; count: number }[]): CoverageBar[] {
  if (!days.length) return [];
  const first = days[0].day;
  const last = days[days.length - 1].day;
  const spanDays = (startOfBeijingDay(last).getTime() - startOfBeijingDay(first).getTime()) / 86_400_000;
  const bars = new Map<string, CoverageBar>();
  let bucketOf: (day: string) => string;
  if (spanDays < 90) {
    // Weeks start on Monday, as on Chinese calendars.
    bucketOf = (day) => addDays(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7));
    for (let week = bucketOf(first); week <= last; week = addDays(week, 7)) {
      const [, m, d] = week.split("-").map(Number);
      bars.set(week, { label: `${m}月${d}日周`, from: week, to: addDays(week, 6), count: 0 });
    }
  } else {
    bucketOf = (day) => `${day.slice(0, 7)}-01`;
    for (let month = bucketOf(first); month <= last; month = nextMonth(month)) {
      const [y, m] = month.split("-").map(Number);
      bars.set(month, { label: `${y}年${m}月`, from: month, to: addDays(nextMonth(month), -1), count: 0 });
    }
  }
  for (const { day, count } of days) bars.get(bucketOf(day))!.count += count;
  return [...bars.values()];
}

function nextMonth(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
}

export const COMPANY_INDEX_LIMIT = 500;

/**
 * Companies with articles, most covered first, optionally listed on any of
 * `markets` and matching a name, alias or code; with the count per market.
 */
export async function getCompanyIndex(options: { markets?: Market[]; q?: string | null } = {}): Promise<{
  companies: CompanyIndexEntry[];
  total: number;
  perMarket: Record<Market, number>;
}> {
  const conditions: Sql[] = [sql`c."articleCount" > 0`];
  if (options.markets?.length) {
    conditions.push(sql`EXISTS (SELECT 1 FROM "Listing" l WHERE l."companyId" = c."id" AND l."market" IN ${inList(options.markets)})`);
  }
  const needle = options.q?.trim().toLowerCase().slice(0, 40);
  if (needle) conditions.push(matchesNeedle(needle));
  const where = whereAll(conditions);
  const [ids, counted, markets] = await Promise.all([
    queryRows<{ id: string }>(sql`SELECT c."id" FROM "Company" c${where} ORDER BY c."articleCount" DESC, c."id" LIMIT ${COMPANY_INDEX_LIMIT}`),
    queryRows<{ n: number | bigint }>(sql`SELECT COUNT(*) AS n FROM "Company" c${where}`),
    queryRows<{ market: Market; n: number | bigint }>(
      sql`SELECT l."market" AS market, COUNT(DISTINCT l."companyId") AS n FROM "Listing" l JOIN "Company" c ON c."id" = l."companyId" WHERE c."articleCount" > 0 GROUP BY l."market"`,
    ),
  ]);
  const rows = await getPrisma().company.findMany({
    where: { id: { in: ids.map((r) => r.id) } },
    select: { id: true, name: true, fullName: true, articleCount: true, listings: { select: { id: true } } },
  });
  const byId = new Map(rows.map((c) => [c.id, { id: c.id, name: c.name, fullName: c.fullName, count: c.articleCount, listings: listingIds(c) }]));
  const perMarket = { sh: 0, sz: 0, hk: 0, us: 0 } as Record<Market, number>;
  for (const m of markets) perMarket[m.market] = Number(m.n);
  return { companies: ids.flatMap((r) => byId.get(r.id) ?? []), total: toCount(counted[0]?.n), perMarket };
}
