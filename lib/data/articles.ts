// Article pages and feed bodies.
import { cache } from "react";
import { getPrisma } from "../db/client";
import { queryRows } from "../db/query";
import { fromSqlTime, sql, sqlTime } from "../db/sql";
import { summariesFor } from "./summaries";
import type { ArticleDetail, ArticleLink, ArticleSummary } from "./types";

const RELATED = 5;

/** One article with its neighbours in time and related articles; deduplicated per request (metadata + page). */
export const getArticle = cache(async (slug: string): Promise<ArticleDetail | null> => {
  const row = await getPrisma().article.findUnique({ where: { slug }, select: { id: true, bodyHtml: true, originalUrl: true, wordCount: true } });
  const [summary] = row ? await summariesFor([row.id]) : [];
  if (!row || !summary) return null;
  const [previous, next, related] = await Promise.all([
    neighbour(summary, "older"),
    neighbour(summary, "newer"),
    relatedTo(summary),
  ]);
  return { ...summary, bodyHtml: row.bodyHtml, originalUrl: row.originalUrl, wordCount: row.wordCount, previous, next, related };
});

/** The article just before or after this one in the timeline: one step along the (time, id) index. */
async function neighbour(entry: { publishedAt: Date; id: number }, side: "older" | "newer"): Promise<ArticleLink | null> {
  const at = sql`(${sqlTime(entry.publishedAt)}, ${entry.id})`;
  const rows = await queryRows<ArticleLink>(
    side === "older"
      ? sql`SELECT "slug", "title" FROM "Article" WHERE ("publishedAt", "id") < ${at} ORDER BY "publishedAt" DESC, "id" DESC LIMIT 1`
      : sql`SELECT "slug", "title" FROM "Article" WHERE ("publishedAt", "id") > ${at} ORDER BY "publishedAt" ASC, "id" ASC LIMIT 1`,
  );
  return rows[0] ?? null;
}

/**
 * The newest articles about the same companies (its first three): the newest
 * few per company from each company's index range, merged.
 */
async function relatedTo(article: ArticleSummary): Promise<ArticleSummary[]> {
  const companies = article.companies.slice(0, 3).map((c) => c.id);
  if (!companies.length) return [];
  const perCompany = await Promise.all(
    companies.map((companyId) =>
      queryRows<{ id: number; publishedAt: string | Date }>(
        sql`SELECT "articleId" AS "id", "publishedAt" FROM "ArticleCompany" WHERE "companyId" = ${companyId} AND "articleId" <> ${article.id}
         ORDER BY "publishedAt" DESC, "articleId" DESC LIMIT ${RELATED}`,
      ),
    ),
  );
  const newest = new Map<number, number>();
  for (const rows of perCompany) for (const r of rows) newest.set(Number(r.id), fromSqlTime(r.publishedAt).getTime());
  const ids = [...newest].sort((a, b) => b[1] - a[1] || b[0] - a[0]).slice(0, RELATED).map(([id]) => id);
  return summariesFor(ids);
}

/** Sanitized body HTML for feed items, by id. */
export async function getArticleBodies(ids: number[]): Promise<Map<number, string>> {
  const rows = await getPrisma().article.findMany({ where: { id: { in: ids } }, select: { id: true, bodyHtml: true } });
  return new Map(rows.map((r) => [r.id, r.bodyHtml]));
}
