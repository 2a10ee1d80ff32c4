import { articleSitemapCount, pageSitemapEntries } from "@/lib/data/sitemap";
import { siteUrl } from "@/lib/site";
import { sitemapIndexXml, XML_HEADERS } from "@/lib/sitemap-xml";

export const dynamic = "force-dynamic";

/** The sitemap index: one file of pages, then article files of at most 50,000 URLs each. */
export async function GET() {
  const [files, { newest }] = await Promise.all([articleSitemapCount(), pageSitemapEntries()]);
  const base = siteUrl();
  const entries = [
    { loc: `${base}/sitemaps/pages.xml`, lastmod: newest ?? undefined },
    ...Array.from({ length: files }, (_, i) => ({ loc: `${base}/sitemaps/articles-${i}.xml` })),
  ];
  return new Response(sitemapIndexXml(entries), { headers: XML_HEADERS });
}
