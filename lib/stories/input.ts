// Story records from what the seed has at hand: a parsed file, or an Article
// row with its company links. The companies a title names are recognised
// again from the title alone (cheap: the directory's name trie is built once).
import type { CompanyDirectory } from "../companies/directory";
import { recognizeCompanies } from "../companies/recognize";
import { LEAD_CHARS, type StoryArticle } from "./pair";

export type StoryRow = {
  slug: string;
  title: string;
  plainText: string;
  publishedAt: Date;
  /** The article's company ids, primary first (ArticleCompany by rank). */
  companyIds: readonly string[];
};

export function toStoryArticle(row: StoryRow, directory: CompanyDirectory): StoryArticle {
  const inTitle = recognizeCompanies({ title: row.title, plainText: "", charts: [] }, directory).links.map((link) => link.companyId);
  return {
    key: row.slug,
    title: row.title,
    lead: row.plainText.slice(0, LEAD_CHARS * 2),
    publishedAt: row.publishedAt,
    companies: row.companyIds,
    titleCompanies: inTitle,
  };
}
