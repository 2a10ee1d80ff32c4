import { articleSitemapCount, articleSitemapEntries, pageSitemapEntries } from "@/lib/data/sitemap";
import { filterLandings } from "@/lib/filters";
import { articleHref, companyHref, filterHref, sourceHref } from "@/lib/routes";
import { siteUrl } from "@/lib/site";
import { urlSetXml, XML_HEADERS } from "@/lib/sitemap-xml";

type Props = { params: Promise<{ file: string }> };

/** /sitemaps/pages.xml (timeline, filtered timelines worth a visit, companies, sources) and /sitemaps/articles-N.xml. */
export async function GET(_request: Request, { params }: Props) {
  const { file } = await params;
  const base = siteUrl();
  if (file === "pages.xml") {
    const { companies, sources, newest } = await pageSitemapEntries();
    const urls = [
      { loc: `${base}/`, lastmod: newest ?? undefined, changefreq: "hourly", priority: 1 },
      ...filterLandings().map((filters) => ({ loc: `${base}${filterHref("/", filters)}`, changefreq: "hourly", priority: 0.8 })),
      { loc: `${base}/companies`, changefreq: "daily", priority: 0.6 },
      ...companies.map((id) => ({ loc: `${base}${companyHref(id)}`, changefreq: "daily", priority: 0.6 })),
      ...sources.map((name) => ({ loc: `${base}${sourceHref(name)}`, changefreq: "daily", priority: 0.4 })),
    ];
    return new Response(urlSetXml(urls), { headers: XML_HEADERS });
  }
  const m = /^articles-(\d{1,4})\.xml$/.exec(file);
  if (!m || Number(m[1]) >= (await articleSitemapCount())) return new Response("没有这个站点地图文件", { status: 404 });
  const articles = await articleSitemapEntries(Number(m[1]));
  const urls = articles.map((a) => ({
    loc: `${base}${articleHref(a.slug)}`,
    lastmod: a.publishedAt,
    changefreq: "monthly",
    priority: 0.8,
  }));
  return new Response(urlSetXml(urls), { headers: XML_HEADERS });
}
