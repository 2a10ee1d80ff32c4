// Article summaries (title, source, companies, charts) for a list of ids: the
// one shape every list of articles shows. Three statements, each joined to the
// names it needs: Prisma's nested select sends six queries for the same.
import { queryRows } from "../db/query";
import { fromSqlTime, inList, sql } from "../db/sql";
import type { ArticleSummary, ChartView } from "./types";

type ArticleRow = {
  id: number;
  slug: string;
  title: string;
  publishedAt: string | Date;
  hasTime: boolean | number;
  excerpt: string;
  readingMinutes: number;
  source: string;
};
type LinkRow = { articleId: number; via: string; id: string; name: string };
type ChartRow = { articleId: number; imageUrl: string; quoteUrl: string; code: string; companyId: string | null; companyName: string | null };

/** Summaries for `ids`, in the order given (ids with no article are left out). */
export async function summariesFor(ids: number[]): Promise<ArticleSummary[]> {
  if (!ids.length) return [];
  const list = inList(ids);
  const [articles, links, charts] = await Promise.all([
    queryRows<ArticleRow>(sql`SELECT a."id", a."slug", a."title", a."publishedAt", a."hasTime", a."excerpt", a."readingMinutes", s."name" AS "source"
       FROM "Article" a JOIN "Source" s ON s."id" = a."sourceId" WHERE a."id" IN ${list}`),
    queryRows<LinkRow>(sql`SELECT ac."articleId", ac."via", c."id", c."name" FROM "ArticleCompany" ac JOIN "Company" c ON c."id" = ac."companyId"
       WHERE ac."articleId" IN ${list} ORDER BY ac."articleId", ac."rank"`),
    queryRows<ChartRow>(sql`SELECT ch."articleId", ch."imageUrl", ch."quoteUrl", ch."code", ch."companyId", c."name" AS "companyName"
       FROM "Chart" ch LEFT JOIN "Company" c ON c."id" = ch."companyId" WHERE ch."articleId" IN ${list} ORDER BY ch."articleId", ch."position"`),
  ]);
  const byId = new Map<number, ArticleSummary>();
  for (const row of articles) {
    byId.set(Number(row.id), {
      id: Number(row.id),
      slug: row.slug,
      title: row.title,
      publishedAt: fromSqlTime(row.publishedAt),
      hasTime: Boolean(row.hasTime),
      source: row.source,
      excerpt: row.excerpt,
      readingMinutes: Number(row.readingMinutes),
      companies: [],
      charts: [],
    });
  }
  for (const link of links) byId.get(Number(link.articleId))?.companies.push({ id: link.id, name: link.name, via: String(link.via) });
  for (const chart of charts) byId.get(Number(chart.articleId))?.charts.push(toChartView(chart));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

function toChartView(chart: ChartRow): ChartView {
  return {
    imageUrl: chart.imageUrl,
    quoteUrl: chart.quoteUrl,
    code: chart.code,
    companyId: chart.companyId,
    // A chart names its company once: "快手 01024", never "01024 01024".
    label: chart.companyName && chart.companyName !== chart.code ? `${chart.companyName} ${chart.code}` : chart.code,
  };
}
