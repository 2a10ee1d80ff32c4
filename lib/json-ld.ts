// schema.org NewsArticle for article pages: what search engines and link
// previews read (headline, dates, publisher, the companies it is about).
import type { ArticleDetail } from "./data/types";
import { splitListingId } from "./companies/ids";
import { toBeijingIso } from "./dates";
import { articleHref, companyHref } from "./routes";
import { SITE_NAME, siteUrl } from "./site";

const EXCHANGE: Record<string, string> = { sh: "SSE", sz: "SZSE", hk: "HKEX", us: "US" };

export function newsArticleJsonLd(article: ArticleDetail) {
  const url = `${siteUrl()}${articleHref(article.slug)}`;
  return {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    mainEntityOfPage: { "@type": "WebPage", "@id": url },
    url,
    // Google shows at most 110 characters of a headline.
    headline: Array.from(article.title).slice(0, 110).join(""),
    description: article.excerpt,
    datePublished: toBeijingIso(article.publishedAt),
    dateModified: toBeijingIso(article.publishedAt),
    inLanguage: "zh-CN",
    wordCount: article.wordCount,
    ...(article.charts.length ? { image: article.charts.map((c) => c.imageUrl) } : {}),
    author: { "@type": "Organization", name: article.source },
    publisher: { "@type": "Organization", name: SITE_NAME, url: siteUrl() },
    ...(article.originalUrl ? { isBasedOn: article.originalUrl } : {}),
    about: article.companies.map((company) => {
      const { market, code } = splitListingId(company.id);
      return {
        "@type": "Corporation",
        name: company.name,
        tickerSymbol: `${EXCHANGE[market]}:${code}`,
        url: `${siteUrl()}${companyHref(company.id)}`,
      };
    }),
  };
}

/** JSON for a <script type="application/ld+json">: "<" escaped so the text can never close the script. */
export function jsonLdText(data: unknown): string {
  return JSON.stringify(data).replace(/</g, "\\u003c");
}
