import { describe, expect, it } from "vitest";
import type { ArticleDetail } from "./data/types";
import { jsonLdText, newsArticleJsonLd } from "./json-ld";

const article: ArticleDetail = {
  id: 1,
  slug: "NW202205202386756268",
  title: "快手如何突围</script><script>alert(1)</script>",
  publishedAt: new Date("2022-05-20T10:19:53Z"),
  hasTime: true,
  source: "中国经营网",
  excerpt: "摘要",
  readingMinutes: 3,
  companies: [
    { id: "hk01024", name: "快手", via: "chart" },
    { id: "sh600519", name: "贵州茅台", via: "body" },
  ],
  charts: [
    { imageUrl: "https://webquoteklinepic.eastmoney.com/x.png", quoteUrl: "", label: "快手 01024", code: "01024", companyId: "hk01024" },
  ],
  bodyHtml: "<p>正文</p>",
  originalUrl: "https://finance.eastmoney.com/a/202205202386756268.html",
  wordCount: 1200,
  previous: null,
  next: null,
  related: [],
};

describe("NewsArticle JSON-LD", () => {
  const data = newsArticleJsonLd(article);

  it("has the properties schema.org and search engines expect of a NewsArticle", () => {
    expect(data["@context"]).toBe("https://schema.org");
    expect(data["@type"]).toBe("NewsArticle");
    for (const key of ["headline", "datePublished", "dateModified", "author", "publisher", "mainEntityOfPage", "image"] as const) {
      expect(data[key], key).toBeTruthy();
    }
    expect(data.datePublished).toBe("2022-05-20T18:19:53+08:00");
    expect(data.publisher).toMatchObject({ "@type": "Organization", name: expect.any(String) });
    expect(Array.from(data.headline).length).toBeLessThanOrEqual(110);
  });

  it("is about the article's companies, with their tickers", () => {
    expect(data.about).toEqual([
      expect.objectContaining({ "@type": "Corporation", name: "快手", tickerSymbol: "HKEX:01024" }),
      expect.objectContaining({ "@type": "Corporation", name: "贵州茅台", tickerSymbol: "SSE:600519" }),
    ]);
  });

  it("cannot break out of its script element", () => {
    const text = jsonLdText(data);
    expect(text).not.toContain("</script>");
    expect(JSON.parse(text).headline).toContain("</script>");
  });
});
