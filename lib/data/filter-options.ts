// What the filter bar offers: the most covered companies, sources, the date span.
import { beijingDay } from "../dates";
import { getPrisma } from "../db/client";
import { topCompanies } from "./companies";
import { getSources } from "./sources";
import type { FilterOptions } from "./types";

const TOP_COMPANIES = 12;

export async function getFilterOptions(): Promise<FilterOptions> {
  // Oldest and newest as two index lookups: SQLite scans the whole table for MIN() and MAX() in one query.
  const edge = (order: "asc" | "desc") => getPrisma().article.findFirst({ orderBy: { publishedAt: order }, select: { publishedAt: true } });
  const [companies, sources, oldest, newest] = await Promise.all([topCompanies(TOP_COMPANIES), getSources(), edge("asc"), edge("desc")]);
  return {
    topCompanies: companies,
    sources,
    newestDay: newest ? beijingDay(newest.publishedAt) : null,
    oldestDay: oldest ? beijingDay(oldest.publishedAt) : null,
  };
}
