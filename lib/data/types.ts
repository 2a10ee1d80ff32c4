// Shapes the data layer hands to pages, feeds and components.
import type { Market } from "../companies/ids";

export type CompanyRef = { id: string; name: string };

export type ChartView = { imageUrl: string; quoteUrl: string; label: string; code: string; companyId: string | null };

/** Text split into plain and matched parts, for <mark> without HTML strings. */
export type Segment = { text: string; hit: boolean };

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
  /** Set on search results: the title and a snippet with the matched words marked. */
  highlight?: { title: Segment[]; snippet: Segment[] };
};

/** URL parameters that open a neighbouring page: { before: "…" } or { page: "3" }. */
export type PageLink = Record<string, string>;

export type TimelinePage = {
  items: ArticleSummary[];
  total: number;
  /** 1-based position of the first item in the whole filtered list. */
  firstPosition: number;
  older: PageLink | null;
  newer: PageLink | null;
};

export type CompanyOption = CompanyRef & { count: number; listings: string[] };
export type SourceOption = { name: string; count: number };
export type FilterOptions = {
  /** The companies with the most articles: the picker's first screen (it searches the rest). */
  topCompanies: CompanyOption[];
  sources: SourceOption[];
  newestDay: string | null;
  oldestDay: string | null;
};

export type ArticleLink = { slug: string; title: string };

export type ArticleDetail = ArticleSummary & {
  bodyHtml: string;
  originalUrl: string | null;
  wordCount: number;
  previous: ArticleLink | null;
  next: ArticleLink | null;
  related: ArticleSummary[];
};

export type CoverageBar = { label: string; from: string; to: string; count: number };

export type ListingView = { id: string; market: Market; marketName: string; code: string; quoteUrl: string };

export type CompanyDetail = {
  id: string;
  name: string;
  fullName: string | null;
  aliases: string[];
  listings: ListingView[];
  articleCount: number;
  latestChart: ChartView | null;
  coverage: CoverageBar[];
};

export type CompanyIndexEntry = CompanyRef & { count: number; listings: string[]; fullName: string | null };
