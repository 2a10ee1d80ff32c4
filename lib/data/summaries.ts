// Article summaries (title, source, companies, charts) for a list of ids: the
// one shape every list of articles shows.
import type { Prisma } from "../generated/prisma/client";
import { getPrisma } from "../db/client";
import type { ArticleSummary } from "./types";

export const summarySelect = {
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

export type SummaryRow = Prisma.ArticleGetPayload<{ select: typeof summarySelect }>;

export function toSummary(row: SummaryRow): ArticleSummary {
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
      // A chart names its company once: "快手 01024", never "01024 01024".
      label: chart.company && chart.company.name !== chart.code ? `${chart.company.name} ${chart.code}` : chart.code,
    })),
  };
}

/** Summaries for `ids`, in the order given. */
export async function summariesFor(ids: number[]): Promise<ArticleSummary[]> {
  if (!ids.length) return [];
  const rows = await getPrisma().article.findMany({ where: { id: { in: ids } }, select: summarySelect });
  const byId = new Map(rows.map((row) => [row.id, toSummary(row)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
