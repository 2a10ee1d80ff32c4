// Sitemaps: an index of files of at most 50,000 URLs each (the protocol's limit).
import { getPrisma } from "../db/client";
import { queryRows } from "../db/query";
import { fromSqlTime, sql } from "../db/sql";

export const URLS_PER_SITEMAP = 50_000;

/** Article sitemap files, newest articles last (ids grow with every seed). */
export async function articleSitemapCount(): Promise<number> {
  const total = await getPrisma().article.count();
  return Math.max(1, Math.ceil(total / URLS_PER_SITEMAP));
}

/** One article sitemap file: articles in id order, keyset by the file's first id. */
export async function articleSitemapEntries(file: number): Promise<{ slug: string; publishedAt: Date }[]> {
  const rows = await queryRows<{ slug: string; publishedAt: string | Date }>(
    sql`SELECT "slug", "publishedAt" FROM "Article" ORDER BY "id" LIMIT ${URLS_PER_SITEMAP} OFFSET ${file * URLS_PER_SITEMAP}`,
  );
  return rows.map((r) => ({ slug: r.slug, publishedAt: fromSqlTime(r.publishedAt) }));
}

/** Company and source pages, and the newest article's time. */
export async function pageSitemapEntries(): Promise<{ companies: string[]; sources: string[]; newest: Date | null }> {
  const prisma = getPrisma();
  const [companies, sources, newest] = await Promise.all([
    prisma.company.findMany({ where: { articleCount: { gt: 0 } }, select: { id: true }, orderBy: { id: "asc" } }),
    prisma.source.findMany({ select: { name: true }, orderBy: { name: "asc" } }),
    prisma.article.aggregate({ _max: { publishedAt: true } }),
  ]);
  return { companies: companies.map((c) => c.id), sources: sources.map((s) => s.name), newest: newest._max.publishedAt };
}
