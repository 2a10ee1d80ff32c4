import type { Metadata } from "next";
import Form from "next/form";
import Link from "next/link";
import { MARKET_NAMES, type Market } from "@/lib/companies/ids";
import { COMPANY_INDEX_LIMIT, getCompanyIndex } from "@/lib/data/companies";
import { marketFilter, MARKETS, readParam, type SearchParams } from "@/lib/filters";
import { companyHref, companyIndexHref } from "@/lib/routes";

export const metadata: Metadata = {
  title: "公司",
  description: "有相关报道的上市公司，按市场分组、按报道数量排列。",
  alternates: { canonical: "/companies" },
};

type Props = { searchParams: Promise<SearchParams> };

export default async function CompaniesPage({ searchParams }: Props) {
  const params = await searchParams;
  // The market parameter reads as the timeline's does; a tab is one market.
  const { markets } = marketFilter.parse((name) => readParam(params, name)).value;
  const market = markets.length === 1 ? markets[0] : null;
  const q = readParam(params, "q")?.slice(0, 40) ?? null;
  const { companies, total, perMarket } = await getCompanyIndex({ markets: market ? [market] : [], q });
  const tab = (m: Market | null) => companyIndexHref({ market: m, q });
  const tabClass =
    "rounded-full border px-3 py-1.5 text-sm aria-[current]:border-sky-600 aria-[current]:bg-sky-50 aria-[current]:text-sky-900 dark:aria-[current]:bg-sky-950 dark:aria-[current]:text-sky-100";
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">公司</h1>
      <Form action="/companies" role="search" aria-label="查找公司" className="mb-4 flex max-w-md gap-2">
        {market && <input type="hidden" name="market" value={market} />}
        <label htmlFor="company-index-search" className="sr-only">
          按名称、简称或代码查找公司
        </label>
        <input
          id="company-index-search"
          type="search"
          name="q"
          defaultValue={q ?? ""}
          placeholder="名称、简称或代码"
          className="min-h-10 w-full rounded-md border border-stone-300 bg-white px-3 text-sm dark:border-stone-700 dark:bg-stone-900"
        />
        <button type="submit" className="rounded-md bg-sky-700 px-4 text-sm font-medium text-white hover:bg-sky-800">
          查找
        </button>
      </Form>
      <nav aria-label="市场" className="mb-4 flex flex-wrap gap-2">
        <Link href={tab(null)} aria-current={market === null ? "page" : undefined} className={tabClass}>
          全部
        </Link>
        {MARKETS.map((m) => (
          <Link key={m} href={tab(m)} aria-current={market === m ? "page" : undefined} className={tabClass}>
            {MARKET_NAMES[m]} <span className="text-stone-500 tabular-nums">{perMarket[m]}</span>
          </Link>
        ))}
      </nav>
      <p className="mb-6 text-sm text-stone-600 dark:text-stone-400" data-testid="company-count">
        {total} 家公司有相关报道{total > companies.length ? `，显示报道最多的 ${COMPANY_INDEX_LIMIT} 家，其余请查找` : ""}，按文章数量排序。
      </p>
      <ul className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
        {companies.map((company) => (
          <li key={company.id}>
            <Link
              href={companyHref(company.id)}
              className="flex items-baseline justify-between gap-3 rounded-lg border border-stone-200 bg-white px-4 py-3 hover:border-stone-400 dark:border-stone-800 dark:bg-stone-900"
            >
              <span>
                <span className="font-medium">{company.name}</span>{" "}
                <span className="font-mono text-xs text-stone-500">{company.listings.join(" · ")}</span>
              </span>
              <span className="text-sm text-stone-600 tabular-nums dark:text-stone-400">{company.count} 篇</span>
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
