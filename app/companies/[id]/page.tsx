import type { Metadata } from "next";
import { notFound, permanentRedirect } from "next/navigation";
import { ChartGallery } from "@/components/ChartGallery";
import { CoverageChart } from "@/components/CoverageChart";
import { TimelineView } from "@/components/TimelineView";
import { isListingId } from "@/lib/companies/ids";
import { getCompany } from "@/lib/data/companies";
import { parseFilters, withFilters, type SearchParams } from "@/lib/filters";
import { timelineMetadata } from "@/lib/page-metadata";
import { companyHref, safeDecode } from "@/lib/routes";
import { queryTimeline } from "@/lib/timeline-query";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> };

async function load(params: Props["params"]) {
  const id = safeDecode((await params).id)?.toLowerCase();
  return id && isListingId(id) ? getCompany(id) : null;
}

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const company = await load(params);
  if (!company) return { title: "找不到这家公司" };
  const codes = company.listings.map((l) => `${l.marketName} ${l.code}`).join("、");
  return timelineMetadata(companyHref(company.id), await searchParams, {
    title: `${company.name}（${codes}）`,
    description: `${company.name}的相关财经新闻，共 ${company.articleCount} 篇。`,
    scope: { companies: [company.id] },
  });
}

export default async function CompanyPage({ params, searchParams }: Props) {
  const requested = safeDecode((await params).id);
  const company = await load(params);
  if (!company) notFound();
  const search = await searchParams;
  // Secondary listings (hk02338) and upper-case ids share the primary id's page.
  if (requested !== company.id) permanentRedirect(companyHref(company.id, parseFilters(search).filters));
  const basePath = companyHref(company.id);
  const query = await queryTimeline(search, { companies: [company.id] });
  return (
    <>
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <h1 className="text-2xl font-bold">{company.name}</h1>
            {/* Filled by the desk island: the follow (自选) toggle. */}
            <span data-desk-follow={company.id} data-company-name={company.name} />
          </div>
          {company.fullName && <p className="mt-1 text-sm text-stone-600 dark:text-stone-400">{company.fullName}</p>}
          <ul className="mt-2 flex flex-wrap gap-3 text-sm">
            {company.listings.map((listing) => (
              <li key={listing.id}>
                <span className="text-stone-600 dark:text-stone-400">{listing.marketName}</span>{" "}
                <span className="font-mono">{listing.code}</span>{" "}
                <a
                  href={listing.quoteUrl}
                  target="_blank"
                  rel="noopener noreferrer nofollow"
                  className="text-sky-700 hover:underline dark:text-sky-400"
                >
                  行情 ↗
                </a>
              </li>
            ))}
          </ul>
          <p className="mt-2 text-sm text-stone-600 dark:text-stone-400">共 {company.articleCount} 篇相关文章</p>
        </div>
        {company.latestChart && <ChartGallery charts={[company.latestChart]} />}
      </header>
      <CoverageChart
        bars={company.coverage}
        hrefFor={(bar) => companyHref(company.id, withFilters(query.filters, { from: bar.from, to: bar.to }))}
      />
      <div className="mt-6">
        <TimelineView query={query} basePath={basePath} showCompanies={false} />
      </div>
    </>
  );
}
