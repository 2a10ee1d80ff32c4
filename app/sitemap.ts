import type { MetadataRoute } from "next";
import { getSitemapEntries } from "@/lib/data";
import { siteUrl } from "@/lib/site";

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const { articles, companies, sources } = await getSitemapEntries();
  const base = siteUrl();
  return [
    { url: `${base}/`, lastModified: articles[0]?.publishedAt, changeFrequency: "hourly", priority: 1 },
    { url: `${base}/companies`, changeFrequency: "daily", priority: 0.6 },
    ...companies.map((c) => ({ url: `${base}/companies/${c.id}`, changeFrequency: "daily" as const, priority: 0.6 })),
    ...sources.map((s) => ({ url: `${base}/sources/${encodeURIComponent(s.name)}`, changeFrequency: "daily" as const, priority: 0.4 })),
    ...articles.map((a) => ({ url: `${base}/articles/${a.slug}`, lastModified: a.publishedAt, changeFrequency: "monthly" as const, priority: 0.8 })),
  ];
}
