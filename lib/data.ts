// Every database query the reader makes lives here. Pages and feeds call these
// functions; results are cached per content version (see lib/cache.ts).
import type { Prisma } from "./generated/prisma/client";
import { cached } from "./cache";
import { splitListingId, MARKET_NAMES, quoteUrl, type Market } from "./company-ids";
import { addDays, beijingDay, endOfBeijingDay, startOfBeijingDay } from "./dates";
import { getPrisma } from "./db/client";
import { formatCursor, serializeFilters, type Cursor, type Filters } from "./filters";

export const PAGE_SIZE = 20;

export type CompanyRef = { id: string; name: string };
export type ChartView = { imageUrl: string; quoteUrl: string; label: string; code: string; companyId: string | null };
export type ArticleSummary = {
  id: number;
  slug: string;
  title: string;
  publishedAt: Date;
  hasTime: boolean;
  source: string;
  excerpt: string;
  readingMinutes: number;
  companies: (CompanyRef & { via: string })[];
  charts: ChartView[];
};

const summarySelect = {
  id: true,
  slug: true,
  title: true,
  publishedAt: true,
  hasTime: true,
  excerpt: true,
  readingMinutes: true,
  source: { select: { name: true } },
  companies: { orderBy: { rank: "asc" }, select: { via: true, company: { select: { id: true, name: true } } } },
  charts: { orderBy: { position: "asc" }, select: { imageUrl: true, quoteUrl: true, code: true, companyId: true, company: { select: { name: true } } } },
} satisfies Prisma.ArticleSelect;

type SummaryRow = Prisma.ArticleGetPayload<{ select: typeof summarySelect }>;

function toSummary(row: SummaryRow): ArticleSummary {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    publishedAt: row.publishedAt,
    hasTime: row.hasTime,
    source: row.source.name,
    excerpt: row.excerpt,
    readingMinutes: row.readingMinutes,
    companies: row.companies.map((link) => ({ id: link.company.id, name: link.company.name, via: link.via })),
    charts: row.charts.map((chart) => ({
      imageUrl: chart.imageUrl,
      quoteUrl: chart.quoteUrl,
      code: chart.code,
      companyId: chart.companyId,
      label: chart.company ? `${chart.company.name} ${chart.code}` : chart.code,
    })),
  };
}

type Entry = { publishedAt: Date; id: number };

/** Articles strictly newer (or older) than `entry` in timeline order (time, then id). */
function beyond(entry: Entry, side: "newer" | "older"): Prisma.ArticleWhereInput {
  const cmp = side === "newer" ? "gt" : "lt";
  return { OR: [{ publishedAt: { [cmp]: entry.publishedAt } }, { publishedAt: entry.publishedAt, id: { [cmp]: entry.id } }] };
}

/** A company's listing ids, primary first. */
function listingIds(company: { id: string; listings: { id: string }[] }): string[] {
  return [company.id, ...company.listings.map((l) => l.id).filter((id) => id !== company.id)];
}

/** Resolves listing ids from a URL to companies; unknown ids are returned separately. */
export function resolveCompanies(listingIds: string[]): Promise<{ found: (CompanyRef & { listingId: string })[]; unknown: string[] }> {
  return cached(`resolve:${listingIds.join(",")}`, async () => {
    if (!listingIds.length) return { found: [], unknown: [] };
    const listings = await getPrisma().listing.findMany({
      where: { id: { in: listingIds } },
      select: { id: true, company: { select: { id: true, name: true } } },
    });
    const byId = new Map(listings.map((l) => [l.id, l]));
    return {
      found: listingIds.flatMap((id) => {
        const listing = byId.get(id);
        return listing ? [{ listingId: id, id: listing.company.id, name: listing.company.name }] : [];
      }),
      unknown: listingIds.filter((id) => !byId.has(id)),
    };
  });
}

export type Scope = { companyId?: string; sourceName?: string };

async function whereFor(filters: Filters, scope: Scope): Promise<Prisma.ArticleWhereInput> {
  const and: Prisma.ArticleWhereInput[] = [];
  if (scope.companyId) and.push({ companies: { some: { companyId: scope.companyId } } });
  if (scope.sourceName) and.push({ source: { name: scope.sourceName } });
  if (filters.companies.length) {
    const { found } = await resolveCompanies(filters.companies);
    // Unknown ids match nothing rather than being dropped silently: the page shows a notice too.
    and.push({ companies: { some: { companyId: { in: found.map((c) => c.id) } } } });
  }
  if (filters.from) and.push({ publishedAt: { gte: startOfBeijingDay(filters.from) } });
  if (filters.to) and.push({ publishedAt: { lt: endOfBeijingDay(filters.to) } });
  if (filters.source) and.push({ source: { name: filters.source } });
  if (filters.q) and.push({ OR: [{ title: { contains: filters.q } }, { plainText: { contains: filters.q } }] });
  return { AND: and };
}

export type TimelinePage = {
  items: ArticleSummary[];
  total: number;
  /** 1-based position of the first item in the whole filtered list. */
  firstPosition: number;
  olderCursor: string | null;
  newerCursor: string | null;
};

export function getTimeline(filters: Filters, cursor: Cursor | null, scope: Scope = {}, pageSize = PAGE_SIZE): Promise<TimelinePage> {
  const key = `timeline:${JSON.stringify(scope)}:${serializeFilters(filters)}:${cursor ? `${cursor.direction}${formatCursor(cursor)}` : ""}:${pageSize}`;
  return cached(key, async () => {
    const prisma = getPrisma();
    const where = await whereFor(filters, scope);
    const newer = cursor?.direction === "newer";
    const order = newer ? "asc" : "desc";
    const rows = await prisma.article.findMany({
      where: cursor ? { AND: [where, beyond(cursor, cursor.direction)] } : where,
      orderBy: [{ publishedAt: order }, { id: order }],
      take: pageSize,
      select: summarySelect,
    });
    if (newer) rows.reverse();
    const items = rows.map(toSummary);
    const total = await prisma.article.count({ where });
    const first = items[0];
    const last = items.at(-1);
    // Position comes from counting what is newer than the first entry, so
    // "older"/"newer" links exist exactly when there is something on that side.
    const newerCount = first
      ? await prisma.article.count({ where: { AND: [where, beyond(first, "newer")] } })
      : 0;
    return {
      items,
      total,
      firstPosition: newerCount + 1,
      olderCursor: last && newerCount + items.length < total ? formatCursor(last) : null,
      newerCursor: first && newerCount > 0 ? formatCursor(first) : null,
    };
  });
}

export type CompanyOption = CompanyRef & { count: number; aliases: string[]; listings: string[] };
export type SourceOption = { name: string; count: number };
export type FilterOptions = { companies: CompanyOption[]; sources: SourceOption[]; newestDay: string | null; oldestDay: string | null };

/** Everything the filter bar offers: companies and sources by article count, and the date span. */
export function getFilterOptions(): Promise<FilterOptions> {
  return cached("filter-options", async () => {
    const prisma = getPrisma();
    const [companies, sources, span] = await Promise.all([
      prisma.company.findMany({
        where: { articleCount: { gt: 0 } },
        orderBy: [{ articleCount: "desc" }, { id: "asc" }],
        select: { id: true, name: true, aliases: true, articleCount: true, listings: { select: { id: true }, orderBy: { id: "asc" } } },
      }),
      prisma.source.findMany({ select: { name: true, _count: { select: { articles: true } } } }),
      prisma.article.aggregate({ _min: { publishedAt: true }, _max: { publishedAt: true } }),
    ]);
    return {
      companies: companies.map((c) => ({
        id: c.id,
        name: c.name,
        count: c.articleCount,
        aliases: JSON.parse(c.aliases) as string[],
        listings: listingIds(c),
      })),
      sources: sources.map((s) => ({ name: s.name, count: s._count.articles })).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)),
      newestDay: span._max.publishedAt ? beijingDay(span._max.publishedAt) : null,
      oldestDay: span._min.publishedAt ? beijingDay(span._min.publishedAt) : null,
    };
  });
}

export type ArticleDetail = ArticleSummary & {
  bodyHtml: string;
  originalUrl: string | null;
  wordCount: number;
  previous: { slug: string; title: string } | null;
  next: { slug: string; title: string } | null;
  related: ArticleSummary[];
};

export function getArticle(slug: string): Promise<ArticleDetail | null> {
  return cached(`article:${slug}`, async () => {
    const prisma = getPrisma();
    const row = await prisma.article.findUnique({
      where: { slug },
      select: { ...summarySelect, bodyHtml: true, originalUrl: true, wordCount: true },
    });
    if (!row) return null;
    const neighbour = { slug: true, title: true } as const;
    const [previous, next, related] = await Promise.all([
      prisma.article.findFirst({
        where: beyond(row, "older"),
        orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
        select: neighbour,
      }),
      prisma.article.findFirst({
        where: beyond(row, "newer"),
        orderBy: [{ publishedAt: "asc" }, { id: "asc" }],
        select: neighbour,
      }),
      row.companies.length
        ? prisma.article.findMany({
            where: { id: { not: row.id }, companies: { some: { companyId: { in: row.companies.slice(0, 3).map((c) => c.company.id) } } } },
            orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
            take: 5,
            select: summarySelect,
          })
        : Promise.resolve([]),
    ]);
    return {
      ...toSummary(row),
      bodyHtml: row.bodyHtml,
      originalUrl: row.originalUrl,
      wordCount: row.wordCount,
      previous,
      next,
      related: related.map(toSummary),
    };
  });
}

export type CoverageBar = { label: string; from: string; to: string; count: number };
export type CompanyDetail = {
  id: string;
  name: string;
  fullName: string | null;
  aliases: string[];
  listings: { id: string; market: Market; marketName: string; code: string; quoteUrl: string }[];
  articleCount: number;
  latestChart: ChartView | null;
  coverage: CoverageBar[];
};

/** A company by any of its listing ids (hk02338 finds 潍柴动力, whose primary id is sz000338). */
export function getCompany(listingId: string): Promise<CompanyDetail | null> {
  return cached(`company:${listingId}`, async () => {
    const prisma = getPrisma();
    const listing = await prisma.listing.findUnique({ where: { id: listingId }, select: { companyId: true } });
    if (!listing) return null;
    const company = await prisma.company.findUnique({
      where: { id: listing.companyId },
      include: { listings: true },
    });
    if (!company) return null;
    const [chart, dates] = await Promise.all([
      prisma.chart.findFirst({
        where: { companyId: company.id },
        orderBy: [{ article: { publishedAt: "desc" } }, { position: "asc" }],
        select: { imageUrl: true, quoteUrl: true, code: true, companyId: true },
      }),
      prisma.articleCompany.findMany({ where: { companyId: company.id }, select: { publishedAt: true }, orderBy: { publishedAt: "asc" } }),
    ]);
    const listings = listingIds(company).map((id) => {
      const { market, code } = splitListingId(id);
      return { id, market, marketName: MARKET_NAMES[market], code, quoteUrl: quoteUrl(id) };
    });
    return {
      id: company.id,
      name: company.name,
      fullName: company.fullName,
      aliases: JSON.parse(company.aliases) as string[],
      listings,
      articleCount: company.articleCount,
      latestChart: chart ? { ...chart, label: `${company.name} ${chart.code}` } : null,
      coverage: coverageBars(dates.map((d) => beijingDay(d.publishedAt))),
    };
  });
}

/** Articles per month (or per week when the coverage spans under three months), oldest first. */
export function coverageBars(days: string[]): CoverageBar[] {
  if (!days.length) return [];
  const first = days[0];
  const last = days[days.length - 1];
  const spanDays = (startOfBeijingDay(last).getTime() - startOfBeijingDay(first).getTime()) / 86_400_000;
  const bars = new Map<string, CoverageBar>();
  if (spanDays < 90) {
    // Weeks start on Monday, as on Chinese calendars.
    const monday = (day: string) => addDays(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7));
    for (let week = monday(first); week <= last; week = addDays(week, 7)) {
      const [, m, d] = week.split("-").map(Number);
      bars.set(week, { label: `${m}月${d}日周`, from: week, to: addDays(week, 6), count: 0 });
    }
    for (const day of days) bars.get(monday(day))!.count++;
  } else {
    const monthStart = (day: string) => `${day.slice(0, 7)}-01`;
    for (let month = monthStart(first); month <= last; month = nextMonth(month)) {
      const [y, m] = month.split("-").map(Number);
      bars.set(month, { label: `${y}年${m}月`, from: month, to: addDays(nextMonth(month), -1), count: 0 });
    }
    for (const day of days) bars.get(monthStart(day))!.count++;
  }
  return [...bars.values()];
}

function nextMonth(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
}

export type CompanyIndexEntry = CompanyRef & { count: number; listings: string[]; fullName: string | null };

export function getCompanyIndex(): Promise<CompanyIndexEntry[]> {
  return cached("company-index", async () => {
    const rows = await getPrisma().company.findMany({
      orderBy: [{ articleCount: "desc" }, { id: "asc" }],
      select: { id: true, name: true, fullName: true, articleCount: true, listings: { select: { id: true }, orderBy: { id: "asc" } } },
    });
    return rows.map((c) => ({
      id: c.id,
      name: c.name,
      fullName: c.fullName,
      count: c.articleCount,
      listings: [c.id, ...c.listings.map((l) => l.id).filter((id) => id !== c.id)],
    }));
  });
}

export function getSource(name: string): Promise<SourceOption | null> {
  return cached(`source:${name}`, async () => {
    const source = await getPrisma().source.findUnique({ where: { name }, select: { name: true, _count: { select: { articles: true } } } });
    return source ? { name: source.name, count: source._count.articles } : null;
  });
}

export type SitemapEntries = {
  articles: { slug: string; publishedAt: Date }[];
  companies: { id: string }[];
  sources: { name: string }[];
};

export function getSitemapEntries(): Promise<SitemapEntries> {
  return cached("sitemap", async () => {
    const prisma = getPrisma();
    const [articles, companies, sources] = await Promise.all([
      prisma.article.findMany({ select: { slug: true, publishedAt: true }, orderBy: { publishedAt: "desc" } }),
      prisma.company.findMany({ where: { articleCount: { gt: 0 } }, select: { id: true } }),
      prisma.source.findMany({ select: { name: true } }),
    ]);
    return { articles, companies, sources };
  });
}

/** Sanitized body HTML for feed items, by slug. */
export function getArticleBodies(slugs: string[]): Promise<Map<string, string>> {
  return cached(`bodies:${slugs.join(",")}`, async () => {
    const rows = await getPrisma().article.findMany({ where: { slug: { in: slugs } }, select: { slug: true, bodyHtml: true } });
    return new Map(rows.map((r) => [r.slug, r.bodyHtml]));
  });
}
