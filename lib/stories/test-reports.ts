// Story records for the unit tests: a title, a Beijing time and, when given, companies.
import type { StoryArticle } from "./pair";

export type ReportOptions = { lead?: string; companies?: string[]; titleCompanies?: string[] };

/** A report published at `beijingTime` ("2021-12-08 10:40"). Companies default to the title's. */
export function report(key: string, title: string, beijingTime: string, options: ReportOptions = {}): StoryArticle {
  const companies = options.companies ?? options.titleCompanies ?? [];
  return {
    key,
    title,
    lead: options.lead ?? title,
    publishedAt: new Date(`${beijingTime.replace(" ", "T")}:00+08:00`),
    companies,
    titleCompanies: options.titleCompanies ?? companies,
  };
}
