// What the filter bar offers: the most covered companies, sources, the date span.
import { beijingDay } from "../dates";
import { getPrisma } from "../db/client";
import { topCompanies } from "./companies";
import { getSources } from "./sources";
import type { FilterOptions } from "./types";

const TOP_COMPANIES = 12;

export async function getFilterOptions(): Promise<FilterOptions> {
  const [companies, sources, span] = await Promise.all([
    topCompanies(TOP_COMPANIES),
    getSources(),
    getPrisma().article.aggregate({ _min: { publishedAt: true }, _max: { publishedAt: true } }),
  ]);
  return {
    topCompanies: companies,
    sources,
    newestDay: span._max.publishedAt ? beijingDay(span._max.publishedAt) : null,
    oldestDay: span._min.publishedAt ? beijingDay(span._min.publishedAt) : null,
  };
}
